package cn.pbm.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The tests' decision log ({@code %test.pbm.decision-log.file}), read as written: mark its end before a test, then
 * read only the lines written after the mark (earlier tests' lines, a 100,000-project one among them, are not read).
 * Lines are returned as their text, so each test parses them with its own mapper.
 */
public final class TestDecisionLog {

    public static final Path FILE = Path.of("target/decisions-test.log");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestDecisionLog() {
    }

    /** Where the log ends now: the mark to read from. */
    public static long end() {
        try {
            return Files.exists(FILE) ? Files.size(FILE) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line written after {@code mark}. */
    public static List<String> linesAfter(long mark) throws IOException {
        try (FileChannel log = FileChannel.open(FILE)) {
            log.position(mark);
            return new String(Channels.newInputStream(log).readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** The lines written after {@code mark} whose own {@code decisionId} is {@code decisionId}. */
    public static List<String> linesOf(long mark, String decisionId) throws IOException {
        return linesAfter(mark).stream().filter(line -> decisionIdOf(line).equals(decisionId)).toList();
    }

    /** The first line written after {@code mark} for {@code decisionId}; an AssertionError when there is none. */
    public static String lineOf(long mark, String decisionId) throws IOException {
        return linesOf(mark, decisionId).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no decision-log line for " + decisionId));
    }

    private static String decisionIdOf(String line) {
        try {
            return JSON.readTree(line).path("decisionId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON line: " + line, e);
        }
    }
}
