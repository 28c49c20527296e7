package cn.pbm.targetreview;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.pbm.platform.DecisionOutcome;
import cn.pbm.platform.DecisionShapes.Shape;
import cn.pbm.platform.FamilyTables;
import cn.pbm.platform.Ruleset;
import jakarta.inject.Singleton;

/**
 * The target-review model (dmn/targetreview/target-review.dmn): findings with their blocking flag and message,
 * the verdict, its label and the revision period. Java hands it the facts of each target and the three stages.
 */
@Singleton
public class TargetReviewTables extends FamilyTables {

    public static final String RULESET = "targetreview.target-review";

    static final Shape<Verdict> VERDICT = Shape.of(RULESET, "verdict", Verdict.class);
    static final Shape<Finding> FINDINGS = Shape.listOf(RULESET, "findings", Finding.class);

    /** One target as the tables see it; {@code indicator} only names it in a message. */
    public record TargetFacts(String dimension, String indicator, boolean quantitative, boolean hasValue,
            boolean hasUnit) {
    }

    /** What the tables look at for one project; equal facts get equal rulings. */
    public record Facts(List<TargetFacts> targets, String unitSelfCheck, String departmentReview,
            String financeReview) {
    }

    /** {@code target} is the target's index in the project's list, null when the finding is not about one. */
    public record Finding(String code, String message, boolean blocking, @DecisionOutcome.OrNull String dimension,
            @DecisionOutcome.OrNull String stage, @DecisionOutcome.OrNull Integer target) {
    }

    /** {@code revisionDays} is null unless the project is returned for revision. */
    public record Ruling(String verdict, String verdictLabel, Integer revisionDays, List<Finding> findings) {
    }

    /** The ruling of each distinct set of facts, in list order (a long list on all cores). */
    public List<Ruling> ruleEach(Ruleset ruleset, List<Facts> facts) {
        List<Map<String, Object>> inputs = new ArrayList<>(facts.size());
        for (Facts f : facts) {
            inputs.add(inputsOf(f));
        }
        List<DecisionOutcome> outcomes = engine.evaluateEach(ruleset, inputs);
        List<Ruling> rulings = new ArrayList<>(outcomes.size());
        for (DecisionOutcome outcome : outcomes) {
            rulings.add(ruling(outcome));
        }
        return rulings;
    }

    /** The model's inputs for one project's facts (the compiled-decision tests evaluate exactly these). */
    public static Map<String, Object> inputsOf(Facts facts) {
        List<Map<String, Object>> targets = new ArrayList<>(facts.targets().size());
        for (TargetFacts t : facts.targets()) {
            targets.add(inputs("dimension", t.dimension(), "indicator", t.indicator(), "quantitative", t.quantitative(),
                    "hasValue", t.hasValue(), "hasUnit", t.hasUnit()));
        }
        return inputs("targets", targets, "unitSelfCheck", facts.unitSelfCheck(),
                "departmentReview", facts.departmentReview(), "financeReview", facts.financeReview());
    }

    private static Ruling ruling(DecisionOutcome outcome) {
        Verdict verdict = outcome.as(VERDICT);
        return new Ruling(verdict.verdict(), verdict.verdictLabel(), verdict.revisionDays(), outcome.listOf(FINDINGS));
    }

    /** Table verdict; {@code revisionDays} only for a project returned for revision. */
    public record Verdict(String verdict, String verdictLabel, @DecisionOutcome.OrNull Integer revisionDays) {
    }
}
