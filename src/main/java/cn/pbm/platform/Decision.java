package cn.pbm.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.pbm.api.model.Explanation;
import cn.pbm.api.model.FiredRule;
import cn.pbm.api.model.RulesetRef;
import cn.pbm.api.model.TableMatch;

/**
 * A call's decision as one value: every evaluation the engines returned for it, in the order made
 * ({@link DecisionOutcome} for a DMN model, {@link RulesFired} for DRL rules). Everything an answer's
 * envelope, the decision log, the metrics and a replay need is read from it: the rule sets used (in the order
 * first used), the one that decided (the family's primary one, {@link PrimaryRuleset}), the explanation (the
 * matched rows and fired rules, in evaluation order) and the outcome counts.
 */
public record Decision(List<Ruleset> used, List<TableMatch> tables, List<FiredRule> rules,
        Map<List<String>, Long> outcomes, int batchSize) {

    public static final Decision NONE = new Decision(List.of(), List.of(), List.of(), Map.of(), 0);

    /** Whether any rule set decided (a call refused before any evaluation has not). */
    public boolean decided() {
        return !used.isEmpty();
    }

    /** Every rule set used, in the order first used. */
    public List<RulesetRef> rulesets() {
        return used.stream().map(DecisionEngine::reference).toList();
    }

    /**
     * The rule set that decided: the first one used whose id the family declared primary; the first one used
     * when the family declared none (or none of its primary ones was used).
     */
    public RulesetRef ruleset(Set<String> primary) {
        if (used.isEmpty()) {
            throw new IllegalStateException("no rule set was used in this decision");
        }
        return DecisionEngine.reference(used.stream().filter(r -> primary.contains(r.id())).findFirst()
                .orElse(used.get(0)));
    }

    /** The matched rows and fired rules, in evaluation order. */
    public Explanation explanation() {
        return new Explanation().tables(new ArrayList<>(tables)).rules(new ArrayList<>(rules));
    }
}
