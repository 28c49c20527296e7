package cn.pbm.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNDecisionResult;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;
import org.kie.api.io.Resource;
import org.drools.io.ByteArrayResource;

import cn.pbm.api.model.TableMatch;

/**
 * The comparison both differential tests make ({@link PlainTablesDifferentialTest},
 * {@link CompiledDecisionsDifferentialTest}): one input evaluated by the KIE interpreter and by a {@link FastPath}.
 * When the fast path answers, KIE reported no error, the results are the same (values, BigDecimal scales, classes,
 * the keys of every map in the same order), the matched rows are the same, and the answer without explanations is
 * the same too; when it declines, it added no matched rows. {@code counts}: [answered, declined, declined where KIE
 * reported an error].
 */
final class FastPathDifferential {

    private FastPathDifferential() {
    }

    /**
     * Every deployed DMN file, each in its own KIE runtime built from the bytes the catalog hashed, with the listener
     * that reports matched rows: what the engine compiles at start-up, for a differential test to compare against.
     */
    static Map<String, Loaded> deployedModels() {
        Map<String, Loaded> models = new java.util.TreeMap<>();
        for (Ruleset ruleset : new RulesetCatalog().all()) {
            for (Ruleset.RuleFile file : ruleset.files()) {
                if (!file.path().endsWith(".dmn") || models.containsKey(file.path())) {
                    continue;
                }
                Resource resource = new ByteArrayResource(file.content());
                resource.setSourcePath(file.path());
                DMNRuntime runtime = DMNRuntimeBuilder.fromDefaults().buildConfiguration()
                        .fromResources(List.of(resource)).getOrElseThrow(IllegalStateException::new);
                DMNModel model = runtime.getModels().get(0);
                runtime.addListener(new TableExplainer(model, ruleset));
                models.put(file.path(), new Loaded(ruleset, runtime, model));
            }
        }
        return models;
    }

    /** One deployed model: its rule set, its KIE runtime and KIE's parsed model. */
    record Loaded(Ruleset ruleset, DMNRuntime runtime, DMNModel model) {
    }

    static void compare(String at, DMNRuntime runtime, DMNModel model, FastPath fastPath, Map<String, Object> inputs,
            int[] counts) {
        List<TableMatch> kieMatches = new ArrayList<>();
        DMNContext context = runtime.newContext();
        inputs.forEach(context::set);
        TableExplainer.reportTo(context, kieMatches);
        DMNResult result = runtime.evaluateAll(model, context);
        List<TableMatch> fastMatches = new ArrayList<>();
        Map<String, Object> fast = fastPath.evaluate(inputs, fastMatches);
        if (fast == null) {
            counts[1]++;
            if (result.hasErrors()) {
                counts[2]++;
            }
            assertTrue(fastMatches.isEmpty(), "a declined evaluation adds no matched rows");
            return;
        }
        counts[0]++;
        String where = at + " " + inputs;
        if (result.hasErrors()) {
            fail(where + ": KIE reports " + result.getMessages() + " but the fast path answered " + fast);
        }
        Map<String, Object> kie = new LinkedHashMap<>();
        for (DMNDecisionResult decision : result.getDecisionResults()) {
            kie.put(decision.getDecisionName(), decision.getResult());
        }
        same(where, kie, fast);
        assertEquals(kieMatches, fastMatches, where + ": matched rows");
        assertEquals(fast, fastPath.evaluate(inputs, null), where + ": without explanations");
    }

    /** Equal values, BigDecimal scales included, and the keys of every map in the same order. */
    static void same(String at, Object kie, Object fast) {
        if (kie instanceof Map<?, ?> a) {
            if (!(fast instanceof Map<?, ?> b)) {
                fail(at + ": " + kie + " vs " + fast);
                return;
            }
            assertEquals(new ArrayList<>(a.keySet()), new ArrayList<>(b.keySet()), at + ": key order");
            for (Object key : a.keySet()) {
                same(at + " ." + key, a.get(key), b.get(key));
            }
        } else if (kie instanceof List<?> a) {
            if (!(fast instanceof List<?> b) || a.size() != b.size()) {
                fail(at + ": " + kie + " vs " + fast);
                return;
            }
            Iterator<?> ib = b.iterator();
            for (Object x : a) {
                same(at + " []", x, ib.next());
            }
        } else {
            assertEquals(kie, fast, at); // BigDecimal.equals: the value and its scale
            if (kie != null) {
                assertEquals(kie.getClass(), fast.getClass(), at);
            }
        }
    }
}
