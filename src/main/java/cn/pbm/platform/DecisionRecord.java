package cn.pbm.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.pbm.api.model.RulesetRef;
import jakarta.enterprise.context.RequestScoped;

/**
 * Everything one call decided with, gathered in one place: the call's decision id and every rule set the
 * engine used for it, in the order first used. Endpoints copy {@link #decisionId()} and {@link #ruleset()}
 * into their response; the audit trail reads the rest.
 */
@RequestScoped
public class DecisionRecord {

    private final UUID decisionId = UUID.randomUUID();
    private final Map<String, RulesetRef> used = new LinkedHashMap<>();

    public UUID decisionId() {
        return decisionId;
    }

    void used(Ruleset ruleset) {
        used.computeIfAbsent(ruleset.id() + "@" + ruleset.version(), k -> DecisionEngine.reference(ruleset));
    }

    /** The rule set that made the call's main decision: the first one used. */
    public RulesetRef ruleset() {
        if (used.isEmpty()) {
            throw new IllegalStateException("no rule set was used in decision " + decisionId);
        }
        return used.values().iterator().next();
    }

    /** Every rule set used, the main one first. */
    public List<RulesetRef> rulesets() {
        return new ArrayList<>(used.values());
    }
}
