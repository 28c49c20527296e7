package cn.pbm.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import cn.pbm.api.model.MonitoringRequest;
import cn.pbm.bench.MonitoringBatch;

/**
 * Issue 19: reading a 10,000-project monitoring body into the contract's models and writing it back, with the
 * service's strict JSON settings ({@link StrictJson}), with and without Jackson's Blackbird module (property access
 * through generated lambdas instead of reflection), side by side in one run.
 * {@code JMH_FILTER='JsonBodyBenchmark' bash src/bench/run.sh jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JsonBodyBenchmark {

    @Param({"reflection", "blackbird"})
    public String access;

    private ObjectMapper mapper;
    private byte[] body;
    private MonitoringRequest request;

    @Setup
    public void setUp() throws Exception {
        Path file = Files.createTempFile("monitoring-10k", ".json");
        MonitoringBatch.main(new String[] {"write", file.toString(), "10000"});
        body = Files.readAllBytes(file);
        Files.delete(file);
        mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        if (access.equals("blackbird")) {
            new StrictJson().customize(mapper); // the service's settings, Blackbird included
        } else {
            StrictJson.strict(mapper); // the same without Blackbird
        }
        request = read();
    }

    @Benchmark
    public MonitoringRequest read() throws Exception {
        return mapper.readValue(body, MonitoringRequest.class);
    }

    @Benchmark
    public byte[] write() throws Exception {
        return mapper.writeValueAsBytes(request);
    }
}
