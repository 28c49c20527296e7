package cn.pbm.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import cn.pbm.api.model.Caller;
import cn.pbm.api.model.DecisionLogEntry;
import cn.pbm.api.model.Explanation;
import cn.pbm.api.model.MonitoringDecision;
import cn.pbm.api.model.MonitoringRequest;
import cn.pbm.api.model.RulesetRef;

/**
 * Issue 19 (issue-19h): what one decision-log line of a one-project monitoring call costs, and where it goes. The
 * request, answer and explanation are those of a real line (src/bench/resources/decision-log/monitoring-line.json:
 * one project, one target, 3 tables and 3 fired rules, a 3 KB explanation), as the typed objects the service logs.
 * {@code lineCompact}: the log as shipped (compact explanation); {@code lineWithoutExplanation}: with explanations
 * off. The full-explanation line of 5da1a30 (before the compact form) was measured with a copy of that commit's log;
 * its figure is in BENCHMARKS.md. The others take the
 * line apart: each body serialised (with the log's escapes or Jackson's own), the input's SHA-256, the write.
 * The file is on /dev/shm, emptied every iteration (the write is a syscall either way; a disk adds its page cache).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionLogBenchmark {

    private ObjectMapper mapper;
    private DecisionLog log;
    private Path file;
    private MonitoringRequest input;
    private MonitoringDecision output;
    private Explanation explanation;
    private List<RulesetRef> rulesets;
    private byte[] lineBytes;
    private OutputStream raw;

    @Setup
    public void setUp() throws IOException {
        mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL); // application.properties' settings
        JsonNode line;
        try (InputStream in = DecisionLogBenchmark.class.getResourceAsStream("/decision-log/monitoring-line.json")) {
            line = mapper.readTree(in);
        }
        input = mapper.treeToValue(line.get("input"), MonitoringRequest.class);
        output = mapper.treeToValue(line.get("output"), MonitoringDecision.class);
        explanation = mapper.treeToValue(line.get("explanation"), Explanation.class);
        rulesets = List.of(mapper.treeToValue(line.at("/explanation/tables/0/ruleset"), RulesetRef.class));
        file = Files.createTempFile(Path.of("/dev/shm"), "decision-log-bench", ".log");
        log = new DecisionLog(mapper, true, Optional.of(file.toString()), 1_048_576);
        lineBytes = Files.readAllBytes(Path.of(DecisionLogBenchmark.class.getResource("/decision-log/monitoring-line.json")
                .getPath()));
        raw = new java.io.FileOutputStream(file.toFile(), true);
    }

    @Setup(Level.Iteration)
    public void emptyTheFiles() throws IOException {
        Files.write(file, new byte[0]);
    }

    @TearDown
    public void tearDown() throws IOException {
        log.close();
        raw.close();
        Files.deleteIfExists(file);
    }

    private DecisionLogEntry entry() {
        UUID id = UUID.randomUUID();
        output.setDecisionId(id);
        return new DecisionLogEntry().decisionId(id).timestamp(OffsetDateTime.now())
                .endpoint("/api/v1/monitoring/warnings").status(200).caller(new Caller().anonymous(true))
                .outcome(DecisionLogEntry.OutcomeEnum.DECIDED).rulesets(rulesets)
                .traceId("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Benchmark
    public Object lineCompact() {
        return log.write(entry(), input, output, explanation, false);
    }

    @Benchmark
    public Object lineWithoutExplanation() {
        return log.write(entry(), input, output, null, false);
    }

    // ---- the parts ----

    private JsonGenerator generator(OutputStream out, boolean lineSafe) throws IOException {
        JsonGenerator generator = mapper.getFactory().createGenerator(out);
        if (lineSafe) {
            generator.setCharacterEscapes(DecisionLog.LineSafeEscapes.INSTANCE);
        }
        return generator;
    }

    private byte[] serialise(Object value, boolean lineSafe) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (JsonGenerator generator = generator(bytes, lineSafe)) {
            mapper.writeValue(generator, value);
        }
        return bytes.toByteArray();
    }

    @Benchmark
    public byte[] fullExplanationSerialised() throws IOException {
        return serialise(explanation, true);
    }

    @Benchmark
    public byte[] fullExplanationSerialisedWithoutLineEscapes() throws IOException {
        return serialise(explanation, false);
    }

    @Benchmark
    public byte[] compactExplanationSerialised() throws IOException {
        return serialise(new DecisionLog.CompactExplanation(explanation), true);
    }

    @Benchmark
    public byte[] inputSerialised() throws IOException {
        return serialise(input, true);
    }

    @Benchmark
    public byte[] inputSerialisedAndHashed() throws Exception {
        byte[] json = serialise(input, true);
        MessageDigest.getInstance("SHA-256").digest(json);
        return json;
    }

    @Benchmark
    public byte[] outputSerialised() throws IOException {
        return serialise(output, true);
    }

    @Benchmark
    public byte[] entrySerialised() throws IOException {
        return serialise(entry(), true);
    }

    /** A line's bytes (5.5 KB) written and flushed to an open file under a lock, as the log does. */
    @Benchmark
    public int writeOfALine() throws IOException {
        synchronized (this) {
            raw.write(lineBytes);
            raw.flush();
        }
        return lineBytes.length;
    }
}
