package cn.pbm.bench;

import java.math.BigDecimal;
import java.time.ZoneId;
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
import cn.pbm.grading.GradingTables;
import cn.pbm.platform.BenchAccess;

/**
 * The decision layer's grading decision under the KIE options that matter. Each option is a system property
 * the DMN compiler or runtime reads when the runtime is built, so each value runs in its own fork.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KieOptionsBenchmark {

    /** default; org.kie.dmn.compiler.execmodel=true; org.kie.dmn.runtime.typecheck=true. */
    @Param({"default", "execmodel", "typecheck"})
    public String option;

    private final BigDecimal[] scores = Scores.decimals();
    private int next;
    private GradingTables decisions;

    @Setup
    public void setUp() {
        switch (option) {
            case "execmodel" -> System.setProperty("org.kie.dmn.compiler.execmodel", "true");
            case "typecheck" -> System.setProperty("org.kie.dmn.runtime.typecheck", "true");
            default -> { }
        }
        decisions = FamilyTables.using(BenchAccess.engine(ZoneId.of("Asia/Shanghai"), 0), GradingTables::new); // memo off: the options act on evaluation
    }

    @Benchmark
    public Object evaluationGrade() {
        next = (next + 1) & (Scores.SIZE - 1);
        return decisions.evaluationGrade(scores[next]).grade();
    }
}
