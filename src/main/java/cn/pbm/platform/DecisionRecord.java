package cn.pbm.platform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.pbm.api.model.FiredRule;
import cn.pbm.api.model.RulesetRef;
import cn.pbm.api.model.TableMatch;
import jakarta.enterprise.context.RequestScoped;

/**
 * Everything one call decided with, gathered in one place: the call's decision id, every rule set the
 * engines used for it (in the order first used), what the engines reported (matched table rows, fired rules)
 * when an explanation is wanted, and the request as the endpoint received it. Endpoints copy
 * {@link #decisionId()} and {@link #ruleset()} into their response; the audit trail reads the rest.
 */
@RequestScoped
public class DecisionRecord {

    private UUID decisionId = UUID.randomUUID();
    private final Map<String, RulesetRef> used = new LinkedHashMap<>();
    private final Map<String, List<String>> pinnedVersions = new HashMap<>();
    private final List<TableMatch> tables = new ArrayList<>();
    private final List<FiredRule> rules = new ArrayList<>();
    private List<String> jurisdictionChain;
    private boolean explaining;
    private boolean replaying;
    private Object input;
    private final Map<List<String>, Long> outcomes = new LinkedHashMap<>();
    private int batchSize;
    private long startedNanos = System.nanoTime();

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

    public boolean decided() {
        return !used.isEmpty();
    }

    /** Whether the engines should report matched rows and fired rules for this call. */
    public boolean explaining() {
        return explaining;
    }

    void explaining(boolean explaining) {
        this.explaining = explaining;
    }

    void matched(TableMatch table) {
        tables.add(table);
    }

    void fired(FiredRule rule) {
        rules.add(rule);
    }

    List<TableMatch> tables() {
        return tables;
    }

    List<FiredRule> rules() {
        return rules;
    }

    Object input() {
        return input;
    }

    void input(Object input) {
        this.input = input;
    }

    /** The jurisdiction this call decides for and its parents, nearest first; empty for the default profile. */
    List<String> jurisdictionChain() {
        return jurisdictionChain == null ? List.of() : jurisdictionChain;
    }

    /** Whether the call's jurisdiction has been set (by the endpoint, or by the first selection: the default). */
    boolean scoped() {
        return jurisdictionChain != null;
    }

    void jurisdictionChain(List<String> chain) {
        this.jurisdictionChain = List.copyOf(chain);
    }

    /**
     * Counts {@code n} evaluations of {@code ruleset} whose outcome (see {@link OutcomeLabel}) was
     * {@code outcome}, for the decision metrics the audit trail records once the call is answered.
     */
    void outcome(Ruleset ruleset, String outcome, long n) {
        outcomes.merge(List.of(ruleset.id(), ruleset.version(), outcome), n, Long::sum);
    }

    /** Evaluation counts by rule-set id, version and outcome. */
    Map<List<String>, Long> outcomes() {
        return outcomes;
    }

    /** Notes a list evaluated item by item; the call's batch size is the longest such list. */
    void batch(int items) {
        batchSize = Math.max(batchSize, items);
    }

    int batchSize() {
        return batchSize;
    }

    void started(long nanos) {
        startedNanos = nanos;
    }

    long startedNanos() {
        return startedNanos;
    }

    /**
     * A replay pins the versions the logged decision recorded (one rule set may have been decided with several
     * versions in one call, e.g. items of different years); other rule sets are chosen by date as usual.
     */
    List<String> pinnedVersions(String rulesetId) {
        return pinnedVersions.getOrDefault(rulesetId, List.of());
    }

    /** Starts a re-evaluation inside this call: fresh id and usage, the given versions pinned. */
    void replay(Map<String, List<String>> versions) {
        replaying = true;
        decisionId = UUID.randomUUID();
        used.clear();
        tables.clear();
        rules.clear();
        outcomes.clear();
        batchSize = 0;
        pinnedVersions.clear();
        pinnedVersions.putAll(versions);
        jurisdictionChain = null;
    }

    boolean replaying() {
        return replaying;
    }

    /** A simulation's version of a rule set, used whatever the date or jurisdiction (the date is still checked). */
    private final Map<String, Ruleset> simulated = new HashMap<>();
    /** Compiled models of simulated versions that are not deployed (a candidate), and the version whose DRL they keep. */
    private final Map<Ruleset, Object> candidateModels = new HashMap<>();
    private final Map<Ruleset, Ruleset> rulesOf = new HashMap<>();
    private boolean simulating;

    /**
     * Starts one evaluation of a simulation inside this call: fresh id and usage, {@code version} decides for its
     * rule set. {@code model} is the candidate's compiled DMN model (null for a deployed version); a candidate
     * keeps the rules (DRL) of {@code rules}, the deployed version it was made from.
     */
    void simulate(Ruleset version, Object model, Ruleset rules, boolean explain) {
        replay(Map.of());
        replaying = false;
        simulating = true;
        explaining = explain;
        simulated.clear();
        simulated.put(version.id(), version);
        candidateModels.clear();
        rulesOf.clear();
        if (model != null) {
            candidateModels.put(version, model);
            rulesOf.put(version, rules);
        }
    }

    Ruleset simulated(String rulesetId) {
        return simulated.get(rulesetId);
    }

    Object candidateModel(Ruleset ruleset) {
        return candidateModels.get(ruleset);
    }

    /** The deployed version whose rules (DRL) {@code ruleset} runs: itself, or for a candidate its baseline. */
    Ruleset rulesOf(Ruleset ruleset) {
        return rulesOf.getOrDefault(ruleset, ruleset);
    }

    /** Whether this call is a simulation (nothing it decides is logged). */
    boolean simulating() {
        return simulating;
    }
}
