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

    public UUID decisionId() {
        return decisionId;
    }

    /** Whether the engines should report matched rows and fired rules for this call. */
    public boolean explaining() {
        return explaining;
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
        pinnedVersions.clear();
        pinnedVersions.putAll(versions);
        jurisdictionChain = null;
    }

    boolean replaying() {
        return replaying;
    }
}
