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
    /** Bytes the decision log keeps of an explanation only it asked for (Long.MAX_VALUE: no bound, or asked). */
    private long explanationBound = Long.MAX_VALUE;
    private long expectedTables;
    private boolean explanationOmitted;

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
        return explaining && !explanationOmitted;
    }

    /**
     * The explanation is wanted only by the decision log, which leaves out an explanation of more than
     * {@code bytes} bytes of JSON (docs/auditors.md): {@link #expectTables} may then stop collecting it.
     */
    void explanationForLogOnly(long bytes) {
        explanationBound = bytes;
    }

    /**
     * Notes that {@code n} more evaluations are about to run, each of which adds at least one matched table to
     * the explanation. Each {@link TableMatch} names its rule set with a 64-digit SHA-256, so it takes more than
     * {@value #MIN_TABLE_MATCH_BYTES} bytes of JSON: once that many of them exceed the log's bound, the log would
     * leave the explanation out whatever its content, and it is not collected at all (nothing the call answers
     * or logs changes; the log line lists "explanation" under omitted, as it did when it measured it).
     */
    void expectTables(long n) {
        if (!explaining || explanationOmitted || explanationBound == Long.MAX_VALUE) {
            return;
        }
        expectedTables += n;
        if (expectedTables > explanationBound / MIN_TABLE_MATCH_BYTES) {
            explanationOmitted = true;
            tables.clear();
            rules.clear();
        }
    }

    /** A lower bound of the JSON size of one {@link TableMatch} (its rule set's SHA-256 alone has 64 characters). */
    static final long MIN_TABLE_MATCH_BYTES = 64;

    /** Whether the explanation (wanted only by the log) was left out because it is certainly over the log's bound. */
    boolean explanationOmitted() {
        return explanationOmitted;
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
        expectedTables = 0;
        explanationOmitted = false;
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
