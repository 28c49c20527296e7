package cn.pbm.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The decision-log lines written after this object was made (the test profile logs to target/). */
final class DecisionLogLines {

    static final Path FILE = Path.of("target/decisions-test.log");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final long start;

    DecisionLogLines() {
        try {
            start = Files.exists(FILE) ? Files.size(FILE) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw line of a decision, as written. */
    String raw(String decisionId) {
        try (FileChannel log = FileChannel.open(FILE)) {
            log.position(start);
            return new String(Channels.newInputStream(log).readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> line.contains("\"decisionId\":\"" + decisionId + "\""))
                    .findFirst().orElseThrow(() -> new AssertionError("no decision-log line for " + decisionId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode line(String decisionId) {
        try {
            return JSON.readTree(raw(decisionId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line written since, parsed. */
    java.util.List<JsonNode> all() {
        try (FileChannel log = FileChannel.open(FILE)) {
            log.position(start);
            return new String(Channels.newInputStream(log).readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(line -> {
                        try {
                            return JSON.readTree(line);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
