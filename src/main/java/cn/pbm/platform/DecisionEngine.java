package cn.pbm.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one place that talks to the KIE DMN engine. Each rule set is compiled once, from the very bytes
 * {@link RulesetCatalog} hashed, into its own runtime; several versions of one model can therefore be
 * deployed side by side. Callers pass plain inputs and get plain results back, stamped with a decision id
 * and the rule set that decided.
 */
@ApplicationScoped
public class DecisionEngine {

    private final RulesetCatalog catalog;
    private final Map<String, CompiledModel> models = new LinkedHashMap<>();

    public DecisionEngine(RulesetCatalog catalog) {
        this.catalog = catalog;
        for (Ruleset ruleset : catalog.all()) {
            List<Ruleset.RuleFile> dmnFiles = ruleset.files().stream()
                    .filter(f -> f.path().endsWith(".dmn")).toList();
            if (dmnFiles.size() == 1) {
                models.put(ruleset.id(), compile(ruleset, dmnFiles.get(0)));
            }
        }
    }

    /** Evaluates every decision of the rule set's DMN model with the given inputs. */
    public DecisionOutcome evaluate(String rulesetId, Map<String, Object> inputs) {
        CompiledModel compiled = models.get(rulesetId);
        if (compiled == null) {
            throw new IllegalArgumentException("rule set '" + rulesetId + "' has no DMN model");
        }
        DMNContext context = compiled.runtime().newContext();
        inputs.forEach(context::set);
        DMNResult result = compiled.runtime().evaluateAll(compiled.model(), context);
        if (result.hasErrors()) {
            throw new DecisionFailedException(rulesetId, result.getMessages(DMNMessage.Severity.ERROR).stream()
                    .map(DMNMessage::getText).collect(Collectors.joining("; ")));
        }
        Map<String, Object> results = new LinkedHashMap<>();
        for (DMNDecisionResult decision : result.getDecisionResults()) {
            results.put(decision.getDecisionName(), decision.getResult());
        }
        return new DecisionOutcome(UUID.randomUUID(), reference(catalog.get(rulesetId)), results);
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
        return new CompiledModel(runtime, compiled.get(0));
    }

    private record CompiledModel(DMNRuntime runtime, DMNModel model) {
    }
}
