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

import cn.pbm.api.model.MonitoredTarget;
import cn.pbm.platform.BenchAccess;
import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.FamilyTables;
import cn.pbm.platform.Ruleset;
import cn.pbm.warning.WarningTables;

/**
 * Issue 19: the monitoring model in force (2.2.1: literal expressions, a BKM, FEEL input expressions) through the
 * decision layer, evaluated by the KIE interpreter ({@code pbm.engine.plain-tables=false}) and by the compiled
 * decisions ({@code true}), the memo off (every call evaluates), each in its own fork of the same run: one project
 * with one target and with two, and a list of 1,000 projects with two targets (ms per list, on all cores).
 * {@code JMH_FILTER='CompiledDecisionsBenchmark' bash src/bench/run.sh jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class CompiledDecisionsBenchmark {

    private static final LocalDate AS_OF = LocalDate.of(2023, 10, 31);

    /** interpreter: KIE for every model; compiled: the compiled decisions for the monitoring model. */
    @Param({"interpreter", "compiled"})
    public String path;

    private final WarningTables.Project[] one = new WarningTables.Project[Scores.SIZE];
    private final WarningTables.Project[] two = new WarningTables.Project[Scores.SIZE];
    private final List<WarningTables.Project> list = new java.util.ArrayList<>();
    private int next;
    private WarningTables lights;
    private Ruleset ruleset;

    @Setup
    public void setUp() {
        DecisionEngine engine = BenchAccess.engine(ZoneId.of("Asia/Shanghai"), 0, path.equals("compiled"));
        lights = FamilyTables.using(engine, WarningTables::new);
        ruleset = BenchAccess.version("warning.execution-monitoring", "2.2.1");
        BigDecimal budget = new BigDecimal("1000000.00");
        BigDecimal[] scores = Scores.decimals();
        for (int i = 0; i < Scores.SIZE; i++) {
            MonitoredTarget least = new MonitoredTarget().name("x").direction(MonitoredTarget.DirectionEnum.LEAST)
                    .expected(BigDecimal.valueOf(100)).actual(scores[i]);
            MonitoredTarget most = new MonitoredTarget().name("y").direction(MonitoredTarget.DirectionEnum.MOST)
                    .expected(new BigDecimal("50")).actual(scores[(i * 7) & (Scores.SIZE - 1)].movePointLeft(1));
            BigDecimal executed = budget.multiply(scores[i]).movePointLeft(2);
            one[i] = new WarningTables.Project(executed, budget, List.of(least));
            two[i] = new WarningTables.Project(executed, budget, List.of(least, most));
        }
        for (int i = 0; i < 1_000; i++) {
            list.add(two[i]);
        }
    }

    @Benchmark
    public Object oneProjectOneTarget() {
        next = (next + 1) & (Scores.SIZE - 1);
        return lights.of(ruleset, AS_OF, one[next]).light();
    }

    @Benchmark
    public Object oneProjectTwoTargets() {
        next = (next + 1) & (Scores.SIZE - 1);
        return lights.of(ruleset, AS_OF, two[next]).light();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object aThousandProjectsTwoTargets() {
        return lights.ofEach(ruleset, AS_OF, list).size();
    }
}
