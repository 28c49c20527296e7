package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 goal 2: the memo answers a call whose inputs are lists and contexts of plain values (the target review's
 * target facts, the budget table's dimensions, a form's review facts) exactly as the engine does. Random inputs drawn
 * from small alphabets, so that most repeat, are evaluated by an engine with the memo (explained, as the decision log
 * asks) and by one without; every result and every matched row (with its input values) must be equal, call by call.
 */
class StructuredMemoTest {

    private static final String[] DIMENSIONS = {"QUANTITY", "QUALITY", "TIMELINESS", "EFFECT", "COST", null};
    private static final String[] STAGES = {"PASSED", "RETURNED", null};

    private static RulesetCatalog catalog;
    private static DecisionRecord memoRecord;
    private static DecisionEngine withMemo;
    private static DecisionEngine withoutMemo;

    @BeforeAll
    static void compile() {
        catalog = new RulesetCatalog();
        memoRecord = new DecisionRecord();
        memoRecord.explainForLog();
        DecisionRecord plainRecord = new DecisionRecord();
        plainRecord.explainForLog();
        withMemo = new DecisionEngine(catalog, memoRecord, ZoneId.of("Asia/Shanghai"), 20_000, 256, new RulesetHealth());
        withoutMemo = new DecisionEngine(catalog, plainRecord, ZoneId.of("Asia/Shanghai"), 0, 256, new RulesetHealth());
    }

    @Test
    void targetReviewsFromTheMemoAreTheEnginesOwn() {
        Ruleset ruleset = withMemo.inForce("targetreview.target-review", LocalDate.of(2025, 9, 16));
        Random random = new Random(19);
        for (int call = 0; call < 600; call++) {
            List<Map<String, Object>> targets = new ArrayList<>();
            for (int t = random.nextInt(5); t > 0; t--) {
                Map<String, Object> target = new HashMap<>();
                target.put("dimension", DIMENSIONS[random.nextInt(DIMENSIONS.length)]);
                target.put("indicator", random.nextBoolean() ? null : "指标" + random.nextInt(2));
                target.put("quantitative", random.nextBoolean());
                target.put("hasValue", random.nextInt(4) > 0);
                target.put("hasUnit", random.nextInt(4) > 0);
                targets.add(target);
            }
            Map<String, Object> inputs = new HashMap<>();
            inputs.put("targets", targets);
            inputs.put("unitSelfCheck", STAGES[random.nextInt(STAGES.length)]);
            inputs.put("departmentReview", STAGES[random.nextInt(STAGES.length)]);
            inputs.put("financeReview", STAGES[random.nextInt(STAGES.length)]);
            sameAnswer(ruleset, inputs, call);
        }
        assertThat(memoSize(ruleset)).as("distinct inputs kept").isBetween(1, 599);
    }

    @Test
    void budgetRulingsFromTheMemoAreTheEnginesOwn() {
        Ruleset ruleset = withMemo.inForce("budget.project-budget-adjustment", LocalDate.of(2025, 1, 1));
        Random random = new Random(7);
        String[] grades = {"EXCELLENT", "GOOD", "FAIR", "POOR", null};
        for (int call = 0; call < 400; call++) {
            List<String> dimensions = new ArrayList<>();
            for (String dimension : List.of("EFFECT", "QUALITY", "QUANTITY", "TIMELINESS")) {
                if (random.nextInt(5) > 0) {
                    dimensions.add(dimension);
                }
            }
            Map<String, Object> inputs = new HashMap<>();
            inputs.put("budget", new BigDecimal(random.nextBoolean() ? "1000000.0" : "800000.00"));
            inputs.put("hasTargets", random.nextInt(6) > 0);
            inputs.put("targetDimensions", dimensions);
            inputs.put("newProject", random.nextInt(4) == 0);
            inputs.put("selfEvaluatedLastYear", random.nextInt(4) > 0);
            inputs.put("clearlyBelowExpectations", random.nextInt(6) == 0);
            inputs.put("evaluationGrade", grades[random.nextInt(grades.length)]);
            inputs.put("rectificationDone", random.nextBoolean());
            inputs.put("targetReview", null);
            sameAnswer(ruleset, inputs, call);
        }
    }

    @Test
    void answersOfTheCompiledFastPathAreNotKept() {
        // issue 19: a compiled model is evaluated, not recalled; only KIE's answers are kept (the memo's young copies
        // were the p99 of never-seen calls). Repeated and never-seen monitoring calls: same answers, nothing kept.
        Ruleset ruleset = withMemo.inForce("warning.execution-monitoring", LocalDate.of(2025, 9, 16));
        Random random = new Random(23);
        for (int call = 0; call < 200; call++) {
            Map<String, Object> target = new HashMap<>();
            target.put("name", "数量");
            target.put("direction", random.nextBoolean() ? "AT_LEAST" : "AT_MOST");
            target.put("expected", new BigDecimal("100"));
            target.put("actual", BigDecimal.valueOf(random.nextInt(150) + 1, call % 2));
            Map<String, Object> inputs = new HashMap<>();
            inputs.put("asOf", LocalDate.of(2025, 9, 16));
            inputs.put("budget", new BigDecimal("100000.00"));
            inputs.put("executed", BigDecimal.valueOf(call % 10 == 0 ? 0 : random.nextInt(10_000_000), 2));
            inputs.put("targets", List.of(target));
            sameAnswer(ruleset, inputs, call);
            sameAnswer(ruleset, inputs, call); // the same call again
        }
        assertThat(memoSize(ruleset)).as("answers kept for a compiled model").isZero();
    }

    private static void sameAnswer(Ruleset ruleset, Map<String, Object> inputs, int call) {
        DecisionOutcome memo = withMemo.evaluateEach(ruleset, List.of(inputs)).get(0);
        DecisionOutcome engine = withoutMemo.evaluateEach(ruleset, List.of(inputs)).get(0);
        assertThat(memo.results()).as("call %d results for %s", call, inputs).isEqualTo(engine.results());
        assertThat(memo.matches()).as("call %d matched rows", call).isNotEmpty().isEqualTo(engine.matches());
        assertThat(memo.outcome()).isEqualTo(engine.outcome());
    }

    private static int memoSize(Ruleset ruleset) {
        return withMemo.memoSize(ruleset);
    }
}
