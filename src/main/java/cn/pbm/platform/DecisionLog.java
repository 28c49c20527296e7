package cn.pbm.platform;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.filter.FilteringGeneratorDelegate;
import com.fasterxml.jackson.core.filter.TokenFilter;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

import cn.pbm.api.model.DecisionLogEntry;
import cn.pbm.api.model.Explanation;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The decision log: one JSON line per decision, on standard output or appended to {@code pbm.decision-log.file}.
 * An auditor can feed any line to the replay endpoint.
 * <p>
 * A line's size is bounded (docs/auditors.md): the request ({@code input}), the answer ({@code output}) and the
 * explanation are each kept whole when their JSON is at most {@code pbm.decision-log.max-body-bytes}; a larger
 * one is left out and the line keeps its SHA-256 and size instead ({@code inputSha256}, {@code outputSha256},
 * {@code inputBytes}, {@code outputBytes}, {@code omitted}). Every line carries {@code inputSha256}. A line is
 * built in memory (at most a few times the bound) and written with one write under the lock, so no decision
 * waits behind another's serialisation.
 * <p>
 * U+2028, U+2029 and U+0085 are written escaped ({@code \u2028}...), so that tools splitting on them see whole
 * lines. At start-up a file that does not end in a line feed (a write cut off by {@code kill -9}) has its torn
 * tail moved to {@code <file>.torn-<millis>} and the event is logged as a warning.
 */
@ApplicationScoped
public class DecisionLog {

    private static final Logger LOG = Logger.getLogger(DecisionLog.class);

    private final ObjectMapper mapper;
    private final boolean enabled;
    private final Optional<Path> file;
    private final long maxBodyBytes;
    private OutputStream fileStream;

    @jakarta.inject.Inject
    public DecisionLog(ObjectMapper mapper, PbmConfig config) {
        this(mapper, config.decisionLog().enabled(), config.decisionLog().file(), config.decisionLog().maxBodyBytes());
    }

    public DecisionLog(ObjectMapper mapper, boolean enabled, Optional<String> file, long maxBodyBytes) {
        this.mapper = mapper;
        this.enabled = enabled;
        this.file = file.filter(f -> !f.isBlank()).map(Path::of);
        this.maxBodyBytes = maxBodyBytes < 0 ? Long.MAX_VALUE : maxBodyBytes;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The largest input, output or explanation a line keeps whole (bytes of JSON; Long.MAX_VALUE: no bound). */
    long maxBodyBytes() {
        return maxBodyBytes;
    }

    void onStart(@Observes StartupEvent start) {
        if (enabled && file.isPresent()) {
            try {
                setAsideTornLine(file.get());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot check the decision log " + file.get(), e);
            }
        }
    }

    /**
     * If {@code path} does not end in a line feed, moves everything after its last line feed to
     * {@code <path>.torn-<millis>}, truncates the log there, and reports it. Returns the torn file, if any.
     */
    static synchronized Optional<Path> setAsideTornLine(Path path) throws IOException {
        if (!Files.exists(path) || Files.size(path) == 0) {
            return Optional.empty();
        }
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
            long size = raf.length();
            raf.seek(size - 1);
            if (raf.read() == '\n') {
                return Optional.empty();
            }
            long keep = 0; // the length of the whole lines before the torn one
            byte[] chunk = new byte[1 << 16];
            for (long end = size; end > 0 && keep == 0;) {
                long start = Math.max(0, end - chunk.length);
                raf.seek(start);
                raf.readFully(chunk, 0, (int) (end - start));
                for (int i = (int) (end - start) - 1; i >= 0; i--) {
                    if (chunk[i] == '\n') {
                        keep = start + i + 1;
                        break;
                    }
                }
                end = start;
            }
            Path torn = path.resolveSibling(path.getFileName() + ".torn-" + System.currentTimeMillis());
            FileChannel from = raf.getChannel(); // closed with raf
            try (FileChannel to = FileChannel.open(torn, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                long done = 0;
                while (done < size - keep) {
                    done += from.transferTo(keep + done, size - keep - done, to);
                }
                to.force(true);
            }
            raf.setLength(keep);
            LOG.warnf("decision log %s ended in a torn line of %d bytes (a write was cut off, e.g. by kill -9); "
                    + "it was moved to %s and the log truncated to its %d bytes of whole lines", path, size - keep,
                    torn, keep);
            return Optional.of(torn);
        }
    }

    /**
     * Writes one line: {@code entry}'s own fields, then the request and the response as the endpoint received
     * and answered them (each whole, or its SHA-256 when larger than the bound), and the explanation.
     */
    public void write(DecisionLogEntry entry, Object input, Object output, Explanation explanation) {
        write(entry, input, output, explanation, false);
    }

    /**
     * As {@link #write(DecisionLogEntry, Object, Object, Explanation)}; {@code explanationOmitted}: the call did not
     * collect its explanation because it was certainly larger than the bound ({@link DecisionRecord#expectTables}),
     * so the line lists it under {@code omitted} as if it had been measured.
     */
    void write(DecisionLogEntry entry, Object input, Object output, Explanation explanation,
            boolean explanationOmitted) {
        ObjectNode line = mapper.valueToTree(entry.input(null).output(null).explanation(null));
        JsonNode errors = line.remove("errors");
        // written below, whole or as hashes
        line.remove(List.of("input", "output", "explanation", "omitted", "inputSha256", "inputBytes", "outputSha256",
                "outputBytes"));
        List<String> omitted = new ArrayList<>();
        try {
            Bounded in = bounded(input == null ? Map.of() : input, false);
            if (input != null) { // a rejected request's body is never logged, nor its hash
                line.put("inputSha256", in.sha256).put("inputBytes", in.size);
            }
            if (in.kept()) {
                line.putRawValue("input", new RawValue(in.json()));
            } else {
                omitted.add("input");
            }
            Bounded out = bounded(output == null ? Map.of() : output, false);
            if (out.kept()) {
                line.putRawValue("output", new RawValue(out.json()));
            } else {
                line.put("outputSha256", sha256WithoutDecisionId(output)).put("outputBytes", out.size);
                omitted.add("output");
            }
            if (explanation != null) {
                Bounded why = bounded(explanation, true);
                if (why.kept()) {
                    line.putRawValue("explanation", new RawValue(why.json()));
                } else {
                    omitted.add("explanation");
                }
            } else if (explanationOmitted) {
                omitted.add("explanation");
            }
            if (!omitted.isEmpty()) {
                omitted.forEach(line.putArray("omitted")::add);
            }
            if (errors != null) {
                line.set("errors", errors);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JsonGenerator generator = generator(bytes)) {
                mapper.writeTree(generator, line);
            }
            bytes.write('\n');
            if (file.isPresent()) {
                synchronized (this) {
                    OutputStream out2 = fileStream();
                    bytes.writeTo(out2);
                    out2.flush();
                }
            } else {
                synchronized (System.out) { // no console log line lands inside a decision line
                    bytes.writeTo(System.out);
                    System.out.flush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write decision-log line for " + entry.getDecisionId(), e);
        }
    }

    /** The SHA-256 of a request as the log computes {@code inputSha256}. */
    String sha256(Object value) {
        try {
            return bounded(value, false).sha256;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-256 of an answer without its top-level {@code decisionId}, as the log computes {@code outputSha256}. */
    String sha256WithoutDecisionId(Object output) throws IOException {
        Bounded hashed = new Bounded(0);
        try (JsonGenerator generator = new FilteringGeneratorDelegate(generator(hashed), new WithoutDecisionId(),
                TokenFilter.Inclusion.INCLUDE_ALL_AND_PATH, true)) {
            mapper.writeValue(generator, output);
        }
        return hashed.finish().sha256;
    }

    /**
     * {@code value}'s JSON, kept if within the bound, with its SHA-256 and size. {@code keptOrNothing}: only
     * whether it is kept matters (the explanation has no hash in the line), so writing stops at the bound.
     */
    private Bounded bounded(Object value, boolean keptOrNothing) throws IOException {
        Bounded bounded = new Bounded(maxBodyBytes);
        bounded.stopAtLimit = keptOrNothing;
        try (JsonGenerator generator = generator(bounded)) {
            mapper.writeValue(generator, value);
        } catch (OverLimit e) {
            return bounded; // not kept; no hash or size is wanted
        }
        return bounded.finish();
    }

    /** Thrown by a {@link Bounded} that only has to tell whether it keeps its value, once it cannot. */
    private static final class OverLimit extends IOException {
        OverLimit() {
            super("over the decision log's bound");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator generator = mapper.getFactory().createGenerator(out);
        generator.setCharacterEscapes(LineSafeEscapes.INSTANCE);
        return generator;
    }

    /** Keeps up to {@code limit} bytes of what is written to it, and hashes and counts all of it. */
    private static final class Bounded extends OutputStream {
        private final long limit;
        private final MessageDigest digest;
        private ByteArrayOutputStream kept = new ByteArrayOutputStream();
        boolean stopAtLimit;
        long size;
        String sha256;

        Bounded(long limit) {
            this.limit = limit;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void write(int b) throws OverLimit {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws OverLimit {
            if (stopAtLimit && size + len > limit) {
                kept = null;
                throw new OverLimit();
            }
            digest.update(b, off, len);
            size += len;
            if (kept != null && size <= limit) {
                kept.write(b, off, len);
            } else {
                kept = null;
            }
        }

        Bounded finish() {
            sha256 = HexFormat.of().formatHex(digest.digest());
            return this;
        }

        boolean kept() {
            return kept != null;
        }

        String json() {
            return kept.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Leaves out the answer's own top-level {@code decisionId}, which differs on every call. */
    private static final class WithoutDecisionId extends TokenFilter {
        @Override
        public TokenFilter includeProperty(String name) {
            return "decisionId".equals(name) ? null : TokenFilter.INCLUDE_ALL;
        }
    }

    /** JSON's own escapes, plus the three line separators some tools split on. */
    static final class LineSafeEscapes extends CharacterEscapes {
        static final LineSafeEscapes INSTANCE = new LineSafeEscapes();
        private final int[] ascii = standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return switch (ch) {
                case 0x2028 -> new SerializedString("\\u2028");
                case 0x2029 -> new SerializedString("\\u2029");
                case 0x85 -> new SerializedString("\\u0085");
                default -> null;
            };
        }
    }

    private OutputStream fileStream() throws IOException {
        if (fileStream == null) {
            Path path = file.orElseThrow();
            if (path.toAbsolutePath().getParent() != null) {
                Files.createDirectories(path.toAbsolutePath().getParent());
            }
            setAsideTornLine(path);
            fileStream = new FileOutputStream(path.toFile(), true);
        }
        return fileStream;
    }

    @PreDestroy
    synchronized void close() throws IOException {
        if (fileStream != null) {
            fileStream.close();
        }
    }
}
