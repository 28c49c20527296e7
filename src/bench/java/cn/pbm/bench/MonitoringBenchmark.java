package cn.pbm.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.ZoneId;
import java.util.List;
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

import cn.pbm.api.model.MonitoredTarget;
import cn.pbm.platform.BenchAccess;
import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.Ruleset;
import cn.pbm.warning.WarningTables;

/**
 * The monitoring light decision (execution light, one target light, project light): for one project, and for
 * a list of 10,000 (ms per list; the rate is 10,000 divided by it); for each deployed version of the default
 * profile (2.0.0: the formulas as first published; 2.1.0: the same answers in the cheaper forms, issue 19).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MonitoringBenchmark {

    @Param({"2.0.0", "2.1.0"})
    public String version;

    private final BigDecimal[] rates = new BigDecimal[Scores.SIZE];
    private final List<MonitoredTarget> targets = List.of(new MonitoredTarget().name("x")
            .direction(MonitoredTarget.DirectionEnum.LEAST).expected(BigDecimal.valueOf(100)).actual(BigDecimal.valueOf(85)));
    private int next;
    private WarningTables lights;
    private Ruleset ruleset;
    private BigDecimal timeProgress;
    private final List<WarningTables.Project> batch = new java.util.ArrayList<>();

    @Setup
    public void setUp() {
        DecisionEngine engine = BenchAccess.engine(ZoneId.of("Asia/Shanghai"));
        lights = new WarningTables(engine);
        ruleset = BenchAccess.version("warning.execution-monitoring", version);
        timeProgress = BigDecimal.valueOf(304).divide(BigDecimal.valueOf(365), MathContext.DECIMAL128);
        BigDecimal[] scores = Scores.decimals();
        for (int i = 0; i < rates.length; i++) {
            rates[i] = scores[i].movePointLeft(2);
        }
        for (int i = 0; i < 10_000; i++) {
            batch.add(new WarningTables.Project(rates[i], targets));
        }
    }

    /** 10,000 projects through {@link WarningTables#ofEach}, as the endpoint does: on all cores. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object lightsOfTenThousandProjects() {
        return lights.ofEach(ruleset, timeProgress, batch).size();
    }

    @Benchmark
    public Object lightsOfOneProject() {
        next = (next + 1) & (Scores.SIZE - 1);
        return lights.of(ruleset, timeProgress, rates[next], targets).light();
    }
}
