package cn.pbm.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
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

import cn.pbm.platform.FamilyTables;
import cn.pbm.api.model.MonitoredTarget;
import cn.pbm.platform.BenchAccess;
import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.Ruleset;
import cn.pbm.warning.WarningTables;

/**
 * The monitoring light decision (time progress, execution rate, execution light, one target light, project light)
 * through {@link WarningTables}, as the endpoint calls it: for one project, and for a list of 1,000 (ms per list);
 * for three versions of the default profile: 2.1.0 (the two ratios computed in Java and passed to the model, kept for
 * replay), 2.2.0 (asOf, executed and budget passed, the model computes the ratios; issue 13 item 3, kept for replay)
 * and 2.2.1 (the same decisions in cheaper FEEL forms: the ratio decisions typed number, the days of the year by
 * the leap rule; issue 19). {@code JMH_FILTER='MonitoringBenchmark' bash src/bench/run.sh jmh} compares them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MonitoringBenchmark {

    private static final LocalDate AS_OF = LocalDate.of(2023, 10, 31);

    @Param({"2.1.0", "2.2.0", "2.2.1"})
    public String version;

    private final WarningTables.Project[] projects = new WarningTables.Project[Scores.SIZE];
    private final List<MonitoredTarget> targets = List.of(new MonitoredTarget().name("x")
            .direction(MonitoredTarget.DirectionEnum.LEAST).expected(BigDecimal.valueOf(100)).actual(BigDecimal.valueOf(85)));
    private int next;
    private WarningTables lights;
    private Ruleset ruleset;
    private final List<WarningTables.Project> list = new java.util.ArrayList<>();

    @Setup
    public void setUp() {
        DecisionEngine engine = BenchAccess.engine(ZoneId.of("Asia/Shanghai"));
        lights = FamilyTables.using(engine, WarningTables::new);
        ruleset = BenchAccess.version("warning.execution-monitoring", version);
        BigDecimal budget = new BigDecimal("1000000.00");
        BigDecimal[] scores = Scores.decimals();
        for (int i = 0; i < projects.length; i++) {
            projects[i] = new WarningTables.Project(budget.multiply(scores[i]).movePointLeft(2), budget, targets);
        }
        for (int i = 0; i < 1_000; i++) {
            list.add(projects[i]);
        }
    }

    /** 1,000 projects through {@link WarningTables#ofEach}, as the endpoint does (on all cores from its threshold). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object lightsOfAThousandProjects() {
        return lights.ofEach(ruleset, AS_OF, list).size();
    }

    @Benchmark
    public Object lightsOfOneProject() {
        next = (next + 1) & (Scores.SIZE - 1);
        return lights.of(ruleset, AS_OF, projects[next]).light();
    }
}
