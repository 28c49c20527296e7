package cn.pbm.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
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

import cn.pbm.disclosure.DisclosureTables;
import cn.pbm.grading.GradingTables;
import cn.pbm.platform.BenchAccess;
import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.FamilyTables;
import cn.pbm.platform.Ruleset;

/**
 * Issue 19: a plain decision table through the decision layer, evaluated by the KIE interpreter
 * ({@code pbm.engine.plain-tables=false}) and by the compiled fast path ({@code true}), the memo off (every call
 * evaluates), each in its own fork of the same run: grading (one input, four bands) and the disclosure deadline
 * status (five inputs, twelve rows).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PlainTablesBenchmark {

    /** interpreter: KIE for every model; compiled: PlainTables for the plain ones. */
    @Param({"interpreter", "compiled"})
    public String path;

    private final BigDecimal[] scores = Scores.decimals();
    private int next;
    private GradingTables grading;
    private DisclosureTables disclosure;
    private Ruleset status;

    @Setup
    public void setUp() {
        DecisionEngine engine = BenchAccess.engine(ZoneId.of("Asia/Shanghai"), 0, path.equals("compiled"));
        grading = FamilyTables.using(engine, GradingTables::new);
        disclosure = FamilyTables.using(engine, DisclosureTables::new);
        status = disclosure.statusInForce(LocalDate.of(2025, 6, 30));
    }

    @Benchmark
    public Object evaluationGrade() {
        next = (next + 1) & (Scores.SIZE - 1);
        return grading.evaluationGrade(scores[next]).grade();
    }

    @Benchmark
    public Object deadlineStatus() {
        next = (next + 1) & (Scores.SIZE - 1);
        long days = (next % 61) - 30;
        return disclosure.status(status, false, true, (next & 1) == 0, days, "DAYS").status();
    }
}
