package cn.pbm.platform;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.drools.io.ByteArrayResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kie.api.io.Resource;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNDecisionResult;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;

import cn.pbm.api.model.RulesetRef;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one place that talks to the KIE DMN engine. Each deployed rule-set version is compiled once, from the
 * very bytes {@link RulesetCatalog} hashed, into its own runtime, so several versions of one model live side
 * by side. Callers name a policy and the date their request is about; the engine picks the version in force,
 * evaluates it, and notes the version in the call's {@link DecisionRecord}.
 */
@ApplicationScoped
public class DecisionEngine {

    private final RulesetCatalog catalog;
    private final DecisionRecord record;
    private final ZoneId zone;
    private final Map<Ruleset, CompiledModel> models = new HashMap<>();

    public DecisionEngine(RulesetCatalog catalog, DecisionRecord record,
            @ConfigProperty(name = "pbm.time-zone", defaultValue = "Asia/Shanghai") ZoneId zone) {
        this.catalog = catalog;
        this.record = record;
        this.zone = zone;
        for (Ruleset ruleset : catalog.all()) {
            List<Ruleset.RuleFile> dmnFiles = ruleset.files().stream()
                    .filter(f -> f.path().endsWith(".dmn")).toList();
            if (dmnFiles.size() == 1) {
                models.put(ruleset, compile(ruleset, dmnFiles.get(0)));
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
        return catalog.select(rulesetId, date, record);
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
        return evaluate(catalog.select(rulesetId, date, record), inputs);
    }

    /** Evaluates every decision of one deployed rule-set version's DMN model. */
    public DecisionOutcome evaluate(Ruleset ruleset, Map<String, Object> inputs) {
        CompiledModel compiled = models.get(ruleset);
        if (compiled == null) {
            throw new IllegalArgumentException("rule set " + ruleset.id() + " " + ruleset.version()
                    + " has no DMN model");
        }
        DMNContext context = compiled.runtime().newContext();
        inputs.forEach(context::set);
        DMNResult result = TableExplainer.reporting(record, ruleset,
                () -> compiled.runtime().evaluateAll(compiled.model(), context));
        if (result.hasErrors()) {
            throw new DecisionFailedException(ruleset.id(), result.getMessages(DMNMessage.Severity.ERROR).stream()
                    .map(DMNMessage::getText).collect(Collectors.joining("; ")));
        }
        Map<String, Object> results = new LinkedHashMap<>();
        for (DMNDecisionResult decision : result.getDecisionResults()) {
            results.put(decision.getDecisionName(), decision.getResult());
        }
        record.used(ruleset);
        return new DecisionOutcome(ruleset, results);
    }

    public LocalDate today() {
        return LocalDate.now(zone);
    }

    public static RulesetRef reference(Ruleset ruleset) {
        return new RulesetRef().id(ruleset.id()).version(ruleset.version()).sha256(ruleset.sha256());
    }

    private static CompiledModel compile(Ruleset ruleset, Ruleset.RuleFile file) {
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
        runtime.addListener(new TableExplainer(compiled.get(0)));
        return new CompiledModel(runtime, compiled.get(0));
    }

    private record CompiledModel(DMNRuntime runtime, DMNModel model) {
    }
}
