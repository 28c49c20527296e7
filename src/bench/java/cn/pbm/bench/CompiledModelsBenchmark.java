package cn.pbm.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
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

import cn.pbm.platform.BenchAccess;
import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.Ruleset;

/**
 * Issue 19 goal 2: one evaluation of each model that {@code CompiledDecisions} takes beyond the monitoring lights
 * (self-evaluation execution score, quantitative indicator and reported score; project-library admission; the
 * disclosure kinds; the project budget adjustment, as ProjectRules calls it), through {@link DecisionEngine#evaluate(Ruleset, Map)} with the memo off (every call
 * evaluates), by the KIE interpreter ({@code pbm.engine.plain-tables=false}) and compiled ({@code true}), each in its
 * own fork. Inputs vary per call over every band (a fixed spread of 16,384). µs per evaluation:
 * {@code JMH_FILTER='CompiledModelsBenchmark' bash src/bench/run.sh jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CompiledModelsBenchmark {

    private static final LocalDate AS_OF = LocalDate.of(2023, 10, 31);

    @Param({"interpreter", "compiled"})
    public String path;

    @Param({"execution-score", "quantitative-indicator", "reported-score", "admission", "disclosure-kinds",
        "budget-adjustment"})
    public String model;

    private DecisionEngine engine;
    private Ruleset ruleset;
    @SuppressWarnings("unchecked")
    private final Map<String, Object>[] inputs = new Map[Scores.SIZE];
    private int next;

    @Setup
    public void setUp() {
        engine = BenchAccess.engine(ZoneId.of("Asia/Shanghai"), 0, path.equals("compiled"));
        BigDecimal[] scores = Scores.decimals();
        String[] conclusions = {"FEASIBLE", "NEEDS_REVISION", "INFEASIBLE"};
        String[] reviews = {null, "PASSED", "PENDING", "RETURN_FOR_REVISION"};
        String[] kinds = {"TARGETS_TO_SUBORDINATES", "BUDGET_TARGETS_PUBLICATION", "SELF_EVALUATION_PUBLICATION",
            "EVALUATION_REPORT_PUBLICATION", "KEY_EVALUATION_RESULTS_PUBLICATION", "REPORT_TO_PEOPLES_CONGRESS"};
        ruleset = switch (model) {
            case "execution-score" -> BenchAccess.version("self-evaluation.execution-score", "1.0.1");
            case "quantitative-indicator" -> BenchAccess.version("self-evaluation.quantitative-indicator", "1.1.0");
            case "reported-score" -> BenchAccess.version("self-evaluation.reported-score", "1.0.1");
            case "admission" -> BenchAccess.version("budget.project-library-admission", "2.1.0");
            case "budget-adjustment" -> BenchAccess.version("budget.project-budget-adjustment", "2.2.0");
            default -> BenchAccess.version("disclosure.deadlines", "2.2.0");
        };
        for (int i = 0; i < Scores.SIZE; i++) {
            BigDecimal score = scores[i];
            Map<String, Object> in = new HashMap<>();
            switch (model) {
                case "execution-score" -> {
                    BigDecimal budget = new BigDecimal("1000000.00");
                    in.put("annualBudget", budget);
                    in.put("executed", budget.multiply(score).movePointLeft(2).add(BigDecimal.valueOf(i % 3 * 1000)));
                    in.put("executionWeight", BigDecimal.TEN);
                }
                case "quantitative-indicator" -> {
                    in.put("direction", i % 2 == 0 ? "AT_LEAST" : "AT_MOST");
                    in.put("weight", new BigDecimal("20"));
                    in.put("target", new BigDecimal("60"));
                    in.put("actual", score.add(score.movePointLeft(1)));
                }
                case "reported-score" -> {
                    in.put("reportedTotalScore", score);
                    in.put("computedTotalScore", score.add(BigDecimal.valueOf(i % 5 - 2, 2)));
                }
                case "admission" -> {
                    in.put("newProject", i % 2 == 0);
                    in.put("amount", score.multiply(BigDecimal.valueOf(100_000)));
                    in.put("exAnteReportSubmitted", i % 3 != 0);
                    in.put("exAnteConclusion", i % 3 != 0 ? conclusions[i % conclusions.length] : null);
                    in.put("targetReview", reviews[i % reviews.length]);
                }
                case "budget-adjustment" -> { // the benchmark request's three projects (budget-adjustments-unseen.lua)
                    String[] grades = {"FAIR", "POOR", "EXCELLENT"};
                    in.put("budget", score.multiply(BigDecimal.valueOf(100_000 + i)).setScale(2,
                            java.math.RoundingMode.HALF_UP));
                    in.put("hasTargets", true);
                    in.put("targetDimensions", i % 3 == 2 ? java.util.List.of("EFFECT", "QUALITY", "QUANTITY")
                            : java.util.List.of("EFFECT", "QUALITY", "QUANTITY", "TIMELINESS"));
                    in.put("newProject", false);
                    in.put("selfEvaluatedLastYear", true);
                    in.put("clearlyBelowExpectations", false);
                    in.put("evaluationGrade", grades[i % 3]);
                    in.put("rectificationDone", i % 3 != 1);
                    in.put("targetReview", null);
                }
                default -> {
                    String kind = kinds[i % kinds.length];
                    in.put("kind", kind);
                    in.put("triggerDate", AS_OF.minusDays(i % 2000));
                    in.put("draftSubmittedOn", kind.equals("REPORT_TO_PEOPLES_CONGRESS") ? AS_OF.minusDays(i % 1500) : null);
                }
            }
            inputs[i] = in;
        }
    }

    @Benchmark
    public Object evaluate() {
        next = (next + 1) & (Scores.SIZE - 1);
        return engine.evaluate(ruleset, inputs[next]).results();
    }
}
