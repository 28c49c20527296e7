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
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.pbm.api.model.DecisionLogEntry;
import cn.pbm.api.model.Explanation;
import cn.pbm.api.model.FieldError;
import cn.pbm.api.model.FiredRule;
import cn.pbm.api.model.TableMatch;
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
 * {@code inputBytes}, {@code outputBytes}, {@code omitted}). The explanation is written in its compact form
 * ({@link CompactExplanation}: rule sets, decisions, matched row numbers, fired rule names; issue 19), the replay
 * with {@code ?explain=true} gives the full one. Every line carries {@code inputSha256}. A line is
 * built in memory (at most a few times the bound) and then written whole by the {@link LineWriter}, together with the
 * lines of calls that finished at the same moment, so no decision waits behind another's serialisation.
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
    /** Every line goes through it: written whole, with the lines of calls that finished at the same moment. */
    private final LineWriter lines = new LineWriter(this::store);

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
     * and answered them (each whole, or its SHA-256 when larger than the bound), and the explanation (compact).
     */
    public void write(DecisionLogEntry entry, Object input, Object output, Explanation explanation) {
        write(entry, input, output, explanation, false);
    }

    /**
     * As {@link #write(DecisionLogEntry, Object, Object, Explanation)}; {@code explanationOmitted}: the call did not
     * collect its explanation because it was certainly larger than the bound ({@link DecisionRecord#expectTables}),
     * so the line lists it under {@code omitted} as if it had been measured. Returns the answer's JSON as the line
     * keeps it when those bytes are also what the service's mapper writes for the answer itself (the line kept it
     * whole and it has none of the three characters only the log escapes), so that the HTTP body need not serialise
     * the answer a second time ({@link AuditTrail}, issue 19); null otherwise.
     */
    byte[] write(DecisionLogEntry entry, Object input, Object output, Explanation explanation,
            boolean explanationOmitted) {
        List<FieldError> errors = entry.getErrors();
        entry.input(null).output(null).explanation(null);
        List<String> omitted = new ArrayList<>();
        try {
            // The line is streamed, byte for byte what a JSON tree of the entry would give (issue 19: the tree, and
            // the request, answer and explanation turned into strings and back, were a fifth of a small call): the
            // entry's own fields, then the fields below in this order, each body written into the line up to the bound.
            Line line = Line.ofThisThread();
            WrittenBelow below = new WrittenBelow();
            try (JsonGenerator generator = new FilteringGeneratorDelegate(generator(line), below,
                    TokenFilter.Inclusion.INCLUDE_ALL_AND_PATH, true)) {
                mapper.writeValue(generator, entry);
            }
            line.reopen();
            // The request is written straight into the line too, hashed as it goes; its hash and size, which the
            // line has before it, are put in front of it once known.
            int inputAt = line.size();
            InLine in = new InLine(line, maxBodyBytes, sha256Digest());
            try (JsonGenerator generator = generator(in)) {
                mapper.writeValue(generator, input == null ? Map.of() : input);
            }
            Line head = new Line(160, inputAt == 1);
            if (input != null) { // a rejected request's body is never logged, nor its hash
                head.field("inputSha256").string(HexFormat.of().formatHex(in.digest.digest()));
                head.field("inputBytes").number(in.size);
            }
            if (in.over) {
                line.truncate(inputAt);
                line.append(head);
                omitted.add("input");
            } else {
                head.field("input");
                line.insert(inputAt, head);
            }
            // issue 19 (the 100k batch): the answer is written once up to the bound; one over it is serialised once
            // more for its size and its hash without decisionId together (they were two passes over 77 MB of JSON).
            // Issue 19 (session 9): the answer and the explanation are written straight into the line, not into a
            // buffer of their own copied in after (for a 7.8 KB coverage answer that buffer's growth and two copies
            // were a fifth of the call's allocation); the HTTP body is the one copy of the answer's bytes.
            byte[] answer = null;
            int beforeOutput = line.size();
            line.field("output");
            int outputStart = line.size();
            LineSafeEscapes.Watched outputEscapes = new LineSafeEscapes.Watched();
            if (keptInLine(line, output == null ? Map.of() : output, output != null, outputEscapes)) {
                // the same bytes as the mapper writes unless the log escaped a line separator (exactly then)
                answer = output == null || outputEscapes.escaped ? null
                        : java.util.Arrays.copyOfRange(line.buffer(), outputStart, line.size());
            } else {
                line.truncate(beforeOutput);
                AsideDecisionId whole = output == null ? null : sizeAndSha256WithoutDecisionId(output); // null: not an object
                long size = whole != null ? whole.size : counted(output == null ? Map.of() : output, false).size;
                line.field("outputSha256").string(whole != null ? whole.sha256() : sha256WithoutDecisionId(output));
                line.field("outputBytes").number(size);
                omitted.add("output");
            }
            if (explanation != null) {
                int beforeExplanation = line.size();
                line.field("explanation");
                if (!keptInLine(line, new CompactExplanation(explanation), true, new LineSafeEscapes())) {
                    line.truncate(beforeExplanation);
                    omitted.add("explanation");
                }
            } else if (explanationOmitted) {
                omitted.add("explanation");
            }
            if (!omitted.isEmpty()) {
                line.field("omitted").write('[');
                for (int i = 0; i < omitted.size(); i++) {
                    if (i > 0) {
                        line.write(',');
                    }
                    line.string(omitted.get(i));
                }
                line.write(']');
            }
            if (errors == null && below.errorsNamed) { // a mapper that writes nulls wrote "errors":null
                line.field("errors").writeBytes("null".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } else if (errors != null) {
                line.field("errors");
                try (JsonGenerator generator = generator(line)) {
                    mapper.writeValue(generator, errors);
                }
            }
            line.write('}');
            line.write('\n');
            lines.write(line.buffer(), line.size());
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write decision-log line for " + entry.getDecisionId(), e);
        }
    }

    /**
     * The explanation as a line keeps it (issue 19, the lead's rule; docs/auditors.md): per decision table its rule
     * set (id, version, SHA-256, jurisdiction), decision name and matched row numbers; per fired rule its rule set and
     * name. What it leaves out (the table's label, each row's 依据 and input values, each rule's description) is fixed
     * by the pinned rule set's files and the logged input: {@code POST /api/v1/decisions/replay?explain=true} gives it
     * back whole, the same as {@code ?explain=true} gave at decision time. Written straight from the explanation, no
     * copy: {@code {"tables":[{"ruleset":{..},"decision":"..","matchedRows":[..]}..],"rules":[{"ruleset":{..},"name":".."}..]}}.
     */
    @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = CompactExplanation.Writer.class)
    record CompactExplanation(Explanation explanation) {

        static final class Writer extends com.fasterxml.jackson.databind.JsonSerializer<CompactExplanation> {
            @Override
            public void serialize(CompactExplanation value, JsonGenerator generator,
                    com.fasterxml.jackson.databind.SerializerProvider provider) throws IOException {
                Explanation explanation = value.explanation();
                generator.writeStartObject();
                generator.writeFieldName("tables");
                if (explanation.getTables() == null) {
                    generator.writeNull();
                } else {
                    generator.writeStartArray();
                    for (TableMatch table : explanation.getTables()) {
                        if (table == null) {
                            generator.writeNull();
                            continue;
                        }
                        generator.writeStartObject();
                        generator.writeFieldName("ruleset");
                        provider.defaultSerializeValue(table.getRuleset(), generator);
                        generator.writeStringField("decision", table.getDecision());
                        generator.writeFieldName("matchedRows");
                        provider.defaultSerializeValue(table.getMatchedRows(), generator);
                        generator.writeEndObject();
                    }
                    generator.writeEndArray();
                }
                generator.writeFieldName("rules");
                if (explanation.getRules() == null) {
                    generator.writeNull();
                } else {
                    generator.writeStartArray();
                    for (FiredRule rule : explanation.getRules()) {
                        if (rule == null) {
                            generator.writeNull();
                            continue;
                        }
                        generator.writeStartObject();
                        generator.writeFieldName("ruleset");
                        provider.defaultSerializeValue(rule.getRuleset(), generator);
                        generator.writeStringField("name", rule.getName());
                        generator.writeEndObject();
                    }
                    generator.writeEndArray();
                }
                generator.writeEndObject();
            }
        }
    }

    /** The SHA-256 of a request as the log computes {@code inputSha256}. */
    String sha256(Object value) {
        try {
            return counted(value, true).sha256;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-256 of an answer without its top-level {@code decisionId}, as the log computes {@code outputSha256}. */
    String sha256WithoutDecisionId(Object output) throws IOException {
        Counted hashed = new Counted(true);
        try (JsonGenerator generator = new FilteringGeneratorDelegate(generator(hashed), new WithoutDecisionId(),
                TokenFilter.Inclusion.INCLUDE_ALL_AND_PATH, true)) {
            mapper.writeValue(generator, output);
        }
        return hashed.finish().sha256;
    }

    /**
     * In one pass: the size of an answer's whole JSON (as {@link #counted} counts it) and the SHA-256 of the same JSON
     * without its top-level {@code decisionId} member, byte for byte what {@link #sha256WithoutDecisionId} hashes:
     * the bytes of that member (and the comma that joined it to the others) are counted but not hashed.
     */
    private AsideDecisionId sizeAndSha256WithoutDecisionId(Object output) throws IOException {
        AsideDecisionId sink = new AsideDecisionId();
        DecisionIdAside aside = new DecisionIdAside(generator(sink), sink);
        try (JsonGenerator generator = aside) {
            mapper.writeValue(generator, output);
        }
        return aside.unsupported || !aside.started ? null : sink;
    }

    /** Counts every byte; hashes every byte but those of the answer's top-level decisionId member. */
    private static final class AsideDecisionId extends OutputStream {
        private final MessageDigest digest;
        long size;
        boolean aside;
        boolean dropComma;

        AsideDecisionId() {
            digest = sha256Digest();
        }

        @Override
        public void write(int b) {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            size += len;
            if (aside || len == 0) {
                return;
            }
            if (dropComma) { // the member left out was the first: the comma after it goes too
                dropComma = false;
                if (b[off] == ',') {
                    off++;
                    len--;
                }
            }
            digest.update(b, off, len);
        }

        /** Hashes a byte that was written while aside (the opening brace, once a member is kept). */
        void hash(char ascii) {
            digest.update((byte) ascii);
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    /**
     * Tells its {@link AsideDecisionId} which bytes {@link #sha256WithoutDecisionId}'s filter would leave out: the
     * top-level decisionId member with the comma that joins it to the others, and the braces of a top-level object
     * left with no member at all (the filter writes nothing for it). An answer that is not a JSON object is marked
     * {@link #unsupported} (the caller then hashes it the old way).
     */
    private static final class DecisionIdAside extends com.fasterxml.jackson.core.util.JsonGeneratorDelegate {
        private final AsideDecisionId sink;
        private boolean started;
        boolean unsupported;
        private boolean opening; // the top-level "{" is written but not hashed: no member kept yet
        private boolean inDecisionId;
        private boolean decisionIdFirst;

        DecisionIdAside(JsonGenerator generator, AsideDecisionId sink) {
            super(generator, true);
            this.sink = sink;
        }

        private boolean topLevel() {
            com.fasterxml.jackson.core.JsonStreamContext context = delegate.getOutputContext();
            return context.inObject() && context.getParent() != null && context.getParent().inRoot();
        }

        private void root(boolean object) throws IOException {
            if (!started) {
                started = true;
                unsupported = !object;
                if (object) {
                    delegate.flush();
                    sink.aside = true;
                    opening = true;
                }
            }
        }

        private void member(String name) throws IOException {
            if (unsupported || !topLevel()) {
                return;
            }
            delegate.flush();
            if ("decisionId".equals(name)) {
                decisionIdFirst = delegate.getOutputContext().getEntryCount() == 0;
                inDecisionId = true;
                sink.aside = true;
                return;
            }
            sink.aside = false;
            sink.dropComma = inDecisionId && decisionIdFirst;
            inDecisionId = false;
            if (opening) {
                opening = false;
                sink.hash('{');
            }
        }

        @Override
        public void writeStartObject() throws IOException {
            root(true);
            super.writeStartObject();
        }

        @Override
        public void writeStartObject(Object forValue) throws IOException {
            root(true);
            super.writeStartObject(forValue);
        }

        @Override
        public void writeStartObject(Object forValue, int size) throws IOException {
            root(true);
            super.writeStartObject(forValue, size);
        }

        @Override
        public void writeStartArray() throws IOException {
            root(false);
            super.writeStartArray();
        }

        @Override
        public void writeStartArray(Object forValue, int size) throws IOException {
            root(false);
            super.writeStartArray(forValue, size);
        }

        @Override
        public void writeFieldName(String name) throws IOException {
            member(name);
            super.writeFieldName(name);
        }

        @Override
        public void writeFieldName(SerializableString name) throws IOException {
            member(name.getValue());
            super.writeFieldName(name);
        }

        @Override
        public void writeEndObject() throws IOException {
            boolean top = !unsupported && topLevel();
            if (top) {
                delegate.flush();
                sink.aside = opening; // an object left empty is not written at all
                inDecisionId = false;
            }
            super.writeEndObject();
            if (top) {
                delegate.flush();
                sink.aside = false;
            }
        }
    }

    /** The size of {@code value}'s JSON and, if {@code hashed}, its SHA-256 (nothing is kept). */
    private Counted counted(Object value, boolean hashed) throws IOException {
        Counted counted = new Counted(hashed);
        try (JsonGenerator generator = generator(counted)) {
            mapper.writeValue(generator, value);
        }
        return counted.finish();
    }

    /**
     * Writes {@code value}'s JSON at the end of {@code line}, with {@code escapes}; whether the line keeps it: not
     * when {@code keptOrNothing} and it is larger than the bound (the caller then truncates the line back to before
     * the value; what was written of it is left behind). Without {@code keptOrNothing} it is always kept.
     */
    private boolean keptInLine(Line line, Object value, boolean keptOrNothing, LineSafeEscapes escapes)
            throws IOException {
        InLine into = new InLine(line, keptOrNothing ? maxBodyBytes : Long.MAX_VALUE);
        try (JsonGenerator generator = generator(into, escapes)) {
            mapper.writeValue(generator, value);
        } catch (OverLimit e) {
            return false;
        }
        return !into.over;
    }

    /**
     * Writes to the end of a line until more than {@code limit} bytes came. Then, without a digest, it refuses
     * ({@link OverLimit}); with one, it goes on counting and hashing every byte and writes no more ({@link #over}).
     */
    private static final class InLine extends OutputStream {
        private final Line line;
        private final long limit;
        final MessageDigest digest;
        long size;
        boolean over;

        InLine(Line line, long limit) {
            this(line, limit, null);
        }

        InLine(Line line, long limit, MessageDigest digest) {
            this.line = line;
            this.limit = limit;
            this.digest = digest;
        }

        @Override
        public void write(int b) throws OverLimit {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws OverLimit {
            if (digest == null && (over || size + len > limit)) {
                over = true;
                throw new OverLimit();
            }
            if (digest != null) {
                digest.update(b, off, len);
            }
            size += len;
            if (!over && size <= limit) {
                line.write(b, off, len);
            } else {
                over = true;
            }
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Thrown by an {@link InLine} that only has to tell whether the line keeps its value, once it cannot. */
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
        return generator(out, LineSafeEscapes.INSTANCE);
    }

    private JsonGenerator generator(OutputStream out, LineSafeEscapes escapes) throws IOException {
        JsonGenerator generator = mapper.getFactory().createGenerator(out);
        generator.setCharacterEscapes(escapes);
        return generator;
    }

    /** Counts what is written to it, and hashes it too if asked. */
    private static final class Counted extends OutputStream {
        private final MessageDigest digest;
        long size;
        String sha256;

        Counted(boolean hashed) {
            this.digest = hashed ? sha256Digest() : null;
        }

        @Override
        public void write(int b) {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (digest != null) {
                digest.update(b, off, len);
            }
            size += len;
        }

        Counted finish() {
            sha256 = digest == null ? null : HexFormat.of().formatHex(digest.digest());
            return this;
        }
    }

    /**
     * One line being written: the entry's own JSON object, then the fields the log adds after them ({@link #field}),
     * each value in the JSON a generator with {@link LineSafeEscapes} writes (the names and strings are ASCII).
     */
    private static final class Line extends ByteArrayOutputStream {
        private boolean empty;

        /** A buffer that grew past this is not kept for the thread's next line (a large batch's line). */
        private static final int KEPT_UP_TO = 1 << 16;
        private static final ThreadLocal<Line> OF_THREAD = new ThreadLocal<>();

        Line() {
            super(8192); // a one-project monitoring line with its explanation is about 5.5 KB: no regrowth
        }

        /** Fields to be put into another line: {@code empty} as that line is where they go. */
        Line(int size, boolean empty) {
            super(size);
            this.empty = empty;
        }

        /**
         * This thread's line, emptied (issue 19: a new 8 KB buffer per call was a sixteenth of a one-project call's
         * allocation). A line is written out before its call returns, and its answer's bytes are copied out of it.
         */
        static Line ofThisThread() {
            Line line = OF_THREAD.get();
            if (line == null || line.buf.length > KEPT_UP_TO) {
                line = new Line();
                OF_THREAD.set(line);
            }
            line.reset();
            line.empty = false;
            return line;
        }

        /** Puts {@code fields} at {@code at}, moving what follows after them. */
        void insert(int at, Line fields) {
            int length = fields.size();
            int tail = count - at;
            ensureCapacity(count + length);
            System.arraycopy(buf, at, buf, at + length, tail);
            System.arraycopy(fields.buf, 0, buf, at, length);
            count += length;
            empty = count == 1;
        }

        /** Adds {@code fields} at the end. */
        void append(Line fields) {
            write(fields.buf, 0, fields.size());
            empty = count == 1;
        }

        private void ensureCapacity(int capacity) {
            if (capacity > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(capacity, 2 * buf.length));
            }
        }

        /** Takes the closing brace of the entry's object away, to add fields after its own. */
        void reopen() {
            if (count == 0) { // an entry without any field of its own
                write('{');
                empty = true;
                return;
            }
            if (buf[count - 1] != '}') {
                throw new IllegalStateException("the decision-log entry did not serialise as a JSON object");
            }
            count--;
            empty = count == 1; // just "{"
        }

        Line field(String name) {
            if (!empty) {
                write(',');
            }
            empty = false;
            string(name);
            write(':');
            return this;
        }

        /** An ASCII text without characters JSON escapes (a name, a hex digest, an omitted field's name). */
        Line string(String ascii) {
            write('"');
            writeBytes(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            write('"');
            return this;
        }

        void number(long n) {
            writeBytes(Long.toString(n).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }

        /** The bytes written so far are {@code buffer()[0 .. size())}. */
        byte[] buffer() {
            return buf;
        }

        /** Takes back everything written after {@code size} (a value the line does not keep, and its name). */
        void truncate(int size) {
            count = size;
            empty = count == 1; // just "{"
        }
    }

    /** The entry's fields that the line writes after its own: the bodies, their hashes and sizes, and errors. */
    private static final class WrittenBelow extends TokenFilter {
        private static final java.util.Set<String> NAMES = java.util.Set.of("input", "output", "explanation", "omitted",
                "inputSha256", "inputBytes", "outputSha256", "outputBytes", "errors");
        /** Whether the entry's serialiser wrote {@code errors} (with a null value only if the mapper writes nulls). */
        boolean errorsNamed;

        @Override
        public TokenFilter includeProperty(String name) {
            errorsNamed |= "errors".equals(name);
            return NAMES.contains(name) ? null : TokenFilter.INCLUDE_ALL;
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
    static class LineSafeEscapes extends CharacterEscapes {
        static final LineSafeEscapes INSTANCE = new LineSafeEscapes();
        private static final int[] ASCII = standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ASCII;
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

        /**
         * One value's escapes, remembering whether it escaped one of the three: only then do its bytes differ from
         * what the mapper writes (the generator asks for every other character's escape in JSON's own table).
         */
        static final class Watched extends LineSafeEscapes {
            boolean escaped;

            @Override
            public SerializableString getEscapeSequence(int ch) {
                SerializableString escape = super.getEscapeSequence(ch);
                escaped |= escape != null;
                return escape;
            }
        }
    }

    /** One write of whole lines, flushed: to the file named by {@code pbm.decision-log.file}, else standard output. */
    private void store(byte[] bytes, int length) throws IOException {
        if (file.isPresent()) {
            synchronized (this) {
                OutputStream out = fileStream();
                out.write(bytes, 0, length);
                out.flush();
            }
        } else {
            synchronized (System.out) { // no console log line lands inside a decision line
                System.out.write(bytes, 0, length);
                System.out.flush();
            }
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
