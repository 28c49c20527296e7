package cn.pbm.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.api.model.FiredRule;
import cn.pbm.api.model.TableMatch;
import jakarta.enterprise.context.RequestScoped;

/**
 * The evaluations of the current call, as the engines returned them ({@link DecisionEngine} and
 * {@link RuleEngine} hand each value here as they return it to the family), until the platform reads the
 * call's {@link Decision}. Nothing else is kept here: no flag, no id, no partial answer.
 */
@RequestScoped
public class Evaluations {

    private final Map<String, Ruleset> used = new LinkedHashMap<>();
    private final List<TableMatch> tables = new ArrayList<>();
    private final List<FiredRule> rules = new ArrayList<>();
    private final Map<List<String>, Long> outcomes = new LinkedHashMap<>();
    private int batchSize;

    void add(DecisionOutcome outcome) {
        use(outcome.ruleset());
        tables.addAll(outcome.matches());
        outcomes.merge(List.of(outcome.ruleset().id(), outcome.ruleset().version(), outcome.outcome()), 1L,
                Long::sum);
    }

    /**
     * A list evaluated item by item with one version, in item order; the call's batch size is the longest such
     * list. Outcomes are counted per label first (a batch has few labels and many items).
     */
    void addEach(Ruleset ruleset, List<DecisionOutcome> items) {
        use(ruleset);
        Map<String, Long> byOutcome = new LinkedHashMap<>();
        for (DecisionOutcome item : items) {
            tables.addAll(item.matches());
            byOutcome.merge(item.outcome(), 1L, Long::sum);
        }
        byOutcome.forEach((label, n) -> outcomes.merge(List.of(ruleset.id(), ruleset.version(), label), n,
                Long::sum));
        batchSize = Math.max(batchSize, items.size());
    }

    void add(RulesFired fired) {
        use(fired.ruleset());
        rules.addAll(fired.fired());
    }

    private void use(Ruleset ruleset) {
        used.putIfAbsent(ruleset.id() + "@" + ruleset.version(), ruleset);
    }

    /** The call's decision so far, as a value. */
    public Decision decision() {
        return new Decision(List.copyOf(used.values()), List.copyOf(tables), List.copyOf(rules),
                Collections.unmodifiableMap(new LinkedHashMap<>(outcomes)), batchSize);
    }

    /** A replay starts over inside the replaying call. */
    void clear() {
        used.clear();
        tables.clear();
        rules.clear();
        outcomes.clear();
        batchSize = 0;
    }
}
