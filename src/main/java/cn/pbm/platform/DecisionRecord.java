package cn.pbm.platform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

/**
 * What is per call and not part of the decision itself: the call's decision id and, in a replay, the
 * rule-set versions pinned; besides them the call's jurisdiction (which scopes every selection of the call),
 * whether the call is explained (its {@code ?explain}, read once by {@link ProtocolChecks}, or the decision log), the request as the
 * endpoint received it and when it started. The decision (the rule sets used, the rows matched, the rules
 * fired, the outcomes) is a value the engines return ({@link Decision}, collected in {@link Evaluations}).
 */
@RequestScoped
public class DecisionRecord {

    private UUID decisionId = UUID.randomUUID();
    private final Map<String, List<String>> pinnedVersions = new HashMap<>();
    private List<String> jurisdictionChain;
    private boolean explaining;
    private boolean explanationAsked;
    private boolean replaying;
    private Object input;
    private long startedNanos = System.nanoTime();
    /** Bytes the decision log keeps of an explanation only it asked for (Long.MAX_VALUE: no bound, or asked). */
    private long explanationBound = Long.MAX_VALUE;
    private long expectedTables;
    private boolean explanationOmitted;

    public UUID decisionId() {
        return decisionId;
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
        if (!explaining || explanationAsked || explanationOmitted || explanationBound == Long.MAX_VALUE) {
            return;
        }
        expectedTables += n;
        if (expectedTables > explanationBound / MIN_TABLE_MATCH_BYTES) {
            explanationOmitted = true;
        }
    }

    /** A lower bound of the JSON size of one {@link TableMatch} (its rule set's SHA-256 alone has 64 characters). */
    static final long MIN_TABLE_MATCH_BYTES = 64;

    /** Whether the explanation (wanted only by the log) was left out because it is certainly over the log's bound. */
    boolean explanationOmitted() {
        return explanationOmitted;
    }

    /** The caller's {@code ?explain}, as {@link ProtocolChecks} read it (the one place that reads it). */
    void explanationAsked(boolean asked) {
        this.explanationAsked = asked;
        this.explaining |= asked;
    }

    /** The call is explained for the decision log, whether or not the answer carries the explanation. */
    void explainForLog() {
        this.explaining = true;
    }

    /** Whether the caller asked for the explanation in the answer ({@code ?explain=true}). */
    boolean explanationAsked() {
        return explanationAsked;
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

    /** Starts a re-evaluation inside this call: fresh id, the given versions pinned (the evaluations start over). */
    void replay(Map<String, List<String>> versions) {
        replaying = true;
        decisionId = UUID.randomUUID();
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
