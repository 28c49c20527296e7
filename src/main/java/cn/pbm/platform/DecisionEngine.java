package cn.pbm.platform;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.drools.io.ByteArrayResource;
import org.kie.api.io.Resource;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNDecisionResult;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;

import cn.pbm.api.model.RulesetRef;
import cn.pbm.api.model.TableMatch;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The one place that talks to the KIE DMN engine. Each deployed rule-set version is compiled once, from the
 * very bytes {@link RulesetCatalog} hashed, into its own runtime, so several versions of one model live side
 * by side. Callers name a policy and the date their request is about; the engine picks the version in force,
 * evaluates it, and returns the result as one value, a {@link DecisionOutcome}: the results, the version that
 * produced them and the rows it matched. The same value goes to the call's {@link Evaluations}, of which the
 * platform makes the call's {@link Decision} (the answer's envelope, the decision log, the metrics).
 *
 * <p>Two things make large and repeated calls cheaper without changing any answer. A batch
 * ({@link #evaluateEach}) is split over the machine's cores once it has {@code pbm.batch.parallel-from}
 * items; results and explanations are put back in item order. And a decision table is a pure function of its
 * inputs, so each version keeps a bounded {@link DecisionMemo} of the answers it gave for inputs made of plain
 * values (a score, a date, a code): a repeated call is answered, with the same matched rows, from the answer
 * the engine gave the first time.
 *
 * <p>Every version is compiled at start-up. One that does not compile is noted in {@link RulesetHealth} (the
 * service is then not ready and names the file) and a call that needs it is answered 503; the others serve.
 */
@Startup
@ApplicationScoped
public class DecisionEngine {

    private final RulesetCatalog catalog;
    private final DecisionRecord record;
    private final ZoneId zone;
    private final int parallelFrom;
    private final RulesetHealth health;
    private final Map<Ruleset, CompiledModel> models = new HashMap<>();
    /**
     * pbm.engine.plain-tables: models made only of plain decision tables are evaluated by {@link PlainTables}, models
     * of plain tables, literal expressions and table BKMs in a small FEEL subset by {@link CompiledDecisions}.
     */
    private final boolean plainTables;
    /** Null outside CDI (benchmarks): nothing collects the call's evaluations there. */
    @jakarta.inject.Inject
    Evaluations evaluations;
    /** Null only outside CDI (benchmarks), where every call uses the default profile. */
    @jakarta.inject.Inject
    Jurisdictions jurisdictions;

    /** Outside the container (benchmarks): a version that does not compile fails here. */
    public DecisionEngine(RulesetCatalog catalog, DecisionRecord record, ZoneId zone, int memoEntries,
            int parallelFrom) {
        this(catalog, record, zone, memoEntries, parallelFrom, true);
    }

    /** As above; {@code plainTables} false: every model is evaluated by the KIE interpreter (benchmarks, tests). */
    public DecisionEngine(RulesetCatalog catalog, DecisionRecord record, ZoneId zone, int memoEntries,
            int parallelFrom, boolean plainTables) {
        this(catalog, record, zone, memoEntries, parallelFrom, new RulesetHealth(), plainTables);
        if (!health.problems().isEmpty()) {
            throw new IllegalStateException("rule sets do not compile: " + health.problems());
        }
    }

    @Inject
    public DecisionEngine(RulesetCatalog catalog, DecisionRecord record, PbmConfig config, RulesetHealth health) {
        this(catalog, record, config.timeZone(), config.engine().memoEntries(), config.batch().parallelFrom(), health,
                config.engine().plainTables());
    }

    public DecisionEngine(RulesetCatalog catalog, DecisionRecord record, ZoneId zone, int memoEntries,
            int parallelFrom, RulesetHealth health) {
        this(catalog, record, zone, memoEntries, parallelFrom, health, true);
    }

    public DecisionEngine(RulesetCatalog catalog, DecisionRecord record, ZoneId zone, int memoEntries,
            int parallelFrom, RulesetHealth health, boolean plainTables) {
        this.plainTables = plainTables;
        this.catalog = catalog;
        this.record = record;
        this.zone = zone;
        this.parallelFrom = parallelFrom;
        this.health = health;
        for (Ruleset ruleset : catalog.all()) {
            List<Ruleset.RuleFile> dmnFiles = ruleset.files().stream()
                    .filter(f -> f.path().endsWith(".dmn")).toList();
            if (dmnFiles.size() == 1) {
                try {
                    models.put(ruleset, compile(ruleset, dmnFiles.get(0), memoEntries, plainTables));
                } catch (RuntimeException e) {
                    health.broken(ruleset, dmnFiles.get(0).path(), e);
                }
            }
        }
    }

    /** Evaluates the version of the policy in force today (in {@code pbm.time-zone}). */
    public DecisionOutcome evaluate(String rulesetId, Map<String, Object> inputs) {
        return evaluate(rulesetId, today(), inputs);
    }

    /**
     * The version of a policy this call decides with on {@code date}: the one in force then, or the one a
     * replay pinned. Families that evaluate one version many times (a batch) look it up once here.
     */
    public Ruleset inForce(String rulesetId, LocalDate date) {
        if (!record.scoped()) {
            forJurisdiction(null);
        }
        return catalog.select(rulesetId, date, record);
    }

    /**
     * THE selection call for a request that names a jurisdiction: the version of rule set {@code rulesetId} in
     * force on {@code date} for {@code jurisdiction} (the request's six-digit code; null for
     * {@code pbm.jurisdiction.default}), falling back along the jurisdiction's parents to the default profile;
     * a replay's pinned version wins. It also scopes the rest of this call: every later
     * {@code inForce}/{@code evaluate} of the same request decides for the same jurisdiction. An unknown code
     * is a 400 naming {@code /jurisdiction}.
     */
    public Ruleset inForceFor(String rulesetId, LocalDate date, String jurisdiction) {
        forJurisdiction(jurisdiction);
        return inForce(rulesetId, date);
    }

    /**
     * As {@link #inForceFor(String, LocalDate, String)}, the prologue of a family's decision: scoped to the
     * request's jurisdiction, the version in force on the request's date; a 422 names {@code pointer}, the request
     * field that held the date.
     */
    public Ruleset inForceFor(String rulesetId, LocalDate date, String jurisdiction, String pointer) {
        forJurisdiction(jurisdiction);
        return inForce(rulesetId, date, pointer);
    }

    /**
     * Scopes this call to a request's {@code jurisdiction} (null: {@code pbm.jurisdiction.default}) without
     * selecting anything yet; an unknown code is a 400 naming {@code /jurisdiction}.
     */
    public void forJurisdiction(String jurisdiction) {
        record.jurisdictionChain(jurisdictions == null ? List.of() : jurisdictions.chain(jurisdiction));
    }

    /** As {@link #inForce(String, LocalDate)}; a 422 names {@code pointer}, the request field that held the date. */
    public Ruleset inForce(String rulesetId, LocalDate date, String pointer) {
        try {
            return inForce(rulesetId, date);
        } catch (NoRulesetInForceException e) {
            throw e.at(pointer);
        }
    }

    /** Evaluates the version of the policy in force on {@code date}. */
    public DecisionOutcome evaluate(String rulesetId, LocalDate date, Map<String, Object> inputs) {
        return evaluate(inForce(rulesetId, date), inputs);
    }

    /** Evaluates every decision of one deployed rule-set version's DMN model. */
    public DecisionOutcome evaluate(Ruleset ruleset, Map<String, Object> inputs) {
        CompiledModel compiled = model(ruleset);
        DecisionOutcome outcome = decide(compiled, ruleset, inputs, record.explaining(), true);
        if (evaluations != null) {
            evaluations.add(outcome);
        }
        return outcome;
    }

    /**
     * Evaluates one version's model once per item of a batch, on all cores when the batch is large, and
     * returns the outcomes in item order, each with its own matched rows.
     */
    public List<DecisionOutcome> evaluateEach(Ruleset ruleset, List<Map<String, Object>> items) {
        CompiledModel compiled = model(ruleset);
        if (TableExplainer.tableInEveryEvaluation(compiled.model())) {
            record.expectTables(items.size()); // may drop an explanation the log would leave out anyway
        }
        boolean explaining = record.explaining();
        boolean large = items.size() >= parallelFrom;
        DecisionOutcome[] outcomes = new DecisionOutcome[items.size()];
        InChunks.run(items.size(), large, () -> null,
                (unused, i) -> outcomes[i] = decide(compiled, ruleset, items.get(i), explaining, !large));
        List<DecisionOutcome> all = List.of(outcomes);
        if (evaluations != null) {
            evaluations.addEach(ruleset, all);
        }
        return all;
    }

    /**
     * One evaluation, with its matched rows when {@code explaining}. Safe on any thread. {@code structuredMemo}:
     * inputs with lists and contexts of plain values may be answered from the memo too (not for a large batch,
     * whose items rarely repeat).
     */
    private static DecisionOutcome decide(CompiledModel compiled, Ruleset ruleset, Map<String, Object> inputs,
            boolean explaining, boolean structuredMemo) {
        DecisionMemo.Answer answer = null;
        if (compiled.plain() != null) {
            // the compiled fast path first, and its answer is not kept: evaluating costs a few µs, about what the
            // memo's key and lookup cost, and keeping every never-seen answer made the young collections copy the
            // memo (issue 19: p99 of never-seen admission calls 17.8 ms with it, 6.9 ms without). null: not plain
            List<TableMatch> matches = explaining ? new ArrayList<>() : null;
            Map<String, Object> results = compiled.plain().evaluate(inputs, matches);
            if (results != null) {
                answer = new DecisionMemo.Answer(Collections.unmodifiableMap(results),
                        matches == null ? null : List.copyOf(matches));
            }
        }
        Object key = null;
        if (answer == null) { // what KIE answered before, for the same inputs
            key = compiled.memo().key(inputs, structuredMemo);
            answer = compiled.memo().recall(key, explaining);
        }
        if (answer == null) {
            List<TableMatch> matches = explaining ? new ArrayList<>() : null;
            DMNContext context = compiled.runtime().newContext();
            inputs.forEach(context::set);
            TableExplainer.reportTo(context, matches);
            DMNResult result = compiled.runtime().evaluateAll(compiled.model(), context);
            if (result.hasErrors()) {
                throw new DecisionFailedException(ruleset.id(), result.getMessages(DMNMessage.Severity.ERROR).stream()
                        .map(DMNMessage::getText).collect(Collectors.joining("; ")));
            }
            Map<String, Object> results = new LinkedHashMap<>();
            for (DMNDecisionResult decision : result.getDecisionResults()) {
                results.put(decision.getDecisionName(), decision.getResult());
            }
            answer = compiled.memo().remember(key, Collections.unmodifiableMap(results), matches);
        }
        return new DecisionOutcome(ruleset, answer.results(),
                explaining && answer.matches() != null ? answer.matches() : List.of(),
                compiled.outcome().label(answer.results()));
    }

    private CompiledModel model(Ruleset ruleset) {
        CompiledModel compiled = models.get(ruleset);
        if (compiled == null && record.candidateModel(ruleset) instanceof CompiledModel candidate) {
            compiled = candidate; // a simulation's candidate, compiled for this call only
        }
        if (compiled == null) {
            health.requireLoaded(ruleset);
            throw new IllegalArgumentException("rule set " + ruleset.id() + " " + ruleset.version()
                    + " has no DMN model");
        }
        return compiled;
    }

    public LocalDate today() {
        return LocalDate.now(zone);
    }

    public static RulesetRef reference(Ruleset ruleset) {
        return new RulesetRef().id(ruleset.id()).version(ruleset.version()).sha256(ruleset.sha256())
                .jurisdiction(ruleset.jurisdiction());
    }

    /**
     * Takes a compiled version out of service at start-up ({@link DecisionShapes}: its outputs do not fit what the
     * service reads); with its problem noted in {@link RulesetHealth}, a call that needs it is answered 503.
     */
    void withdraw(Ruleset ruleset) {
        models.remove(ruleset);
    }

    /**
     * Whether the DMN model of a version (deployed, or a simulation's candidate in this call) has an input data
     * node named {@code name}: a family whose model changed its inputs between versions asks which ones to pass.
     */
    public boolean takesInput(Ruleset ruleset, String name) {
        return model(ruleset).model().getInputByName(name) != null;
    }

    /** The compiled model of a version, empty when it did not compile (or has no DMN file). */
    public java.util.Optional<DMNModel> compiledModel(Ruleset ruleset) {
        CompiledModel compiled = models.get(ruleset);
        return compiled == null ? java.util.Optional.empty() : java.util.Optional.of(compiled.model());
    }

    private static CompiledModel compile(Ruleset ruleset, Ruleset.RuleFile file, int memoEntries,
            boolean plainTables) {
        Resource resource = new ByteArrayResource(file.content());
        resource.setSourcePath(file.path());
        DMNRuntime runtime = DMNRuntimeBuilder.fromDefaults()
                .buildConfiguration()
                .fromResources(List.of(resource))
                .getOrElseThrow(e -> new IllegalStateException(
                        "rule set " + ruleset.id() + ": " + file.path() + " does not compile", e));
        List<DMNModel> compiled = runtime.getModels();
        if (compiled.size() != 1) {
            throw new IllegalStateException("rule set " + ruleset.id() + ": expected one DMN model in " + file.path());
        }
        if (compiled.get(0).hasErrors()) {
            throw new IllegalStateException(compiled.get(0).getMessages(DMNMessage.Severity.ERROR).stream()
                    .map(DMNMessage::getText).collect(Collectors.joining("; ")));
        }
        runtime.addListener(new TableExplainer(compiled.get(0), ruleset));
        return new CompiledModel(runtime, compiled.get(0),
                DecisionMemo.forModel(new String(file.content(), StandardCharsets.UTF_8), memoEntries),
                OutcomeLabel.of(compiled.get(0)), plainTables ? FastPath.of(compiled.get(0), ruleset) : null);
    }

    /**
     * A simulation's candidate: compiled in memory as a deployed version is, never added to the deployed models
     * (the caller keeps it for one call). Throws when it does not compile.
     */
    Object compileCandidate(Ruleset candidate, Ruleset.RuleFile file) {
        return compile(candidate, file, 1000, plainTables);
    }

    /** The compiled DMN model of a deployed version (null if it has none or did not compile). */
    DMNModel deployedModel(Ruleset ruleset) {
        CompiledModel compiled = models.get(ruleset);
        return compiled == null ? null : compiled.model();
    }

    /**
     * One plain evaluation for a scenario run (RuleScenarios): the model's own DMNResult, decision by decision,
     * without the memo, explanations or metrics; {@code candidate} is a simulation's compiled candidate, or null
     * for the deployed version {@code ruleset}.
     */
    DMNResult evaluateScenario(Ruleset ruleset, Object candidate, Map<String, Object> inputs,
            java.util.Set<String> decisions) {
        CompiledModel compiled = candidate != null ? (CompiledModel) candidate : models.get(ruleset);
        if (compiled == null) {
            throw new IllegalArgumentException("rule set " + ruleset.id() + " " + ruleset.version() + " has no DMN model");
        }
        DMNContext context = compiled.runtime().newContext();
        inputs.forEach(context::set);
        return compiled.runtime().evaluateByName(compiled.model(), context, decisions.toArray(String[]::new));
    }

    /** How many answers the memo of a deployed version holds (tests). */
    int memoSize(Ruleset ruleset) {
        return models.get(ruleset).memo().size();
    }

    static DMNModel modelOf(Object candidate) {
        return ((CompiledModel) candidate).model();
    }

    private record CompiledModel(DMNRuntime runtime, DMNModel model, DecisionMemo memo, OutcomeLabel outcome,
            FastPath plain) {
    }
}
