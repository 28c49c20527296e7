package cn.pbm.platform;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;

import cn.pbm.api.AuditApi;
import cn.pbm.api.model.DecisionEnvelope;
import io.quarkus.arc.Arc;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Singleton;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/**
 * THE one place that fills the envelope every decision answer shares (the contract's {@code DecisionEnvelope}:
 * {@code decisionId}, {@code ruleset}, {@code rulesets}, {@code explanation}), typed, from the call's
 * {@link Decision}: for a live call ({@link AuditTrail}), an event ({@link EventBridge}) and a replay
 * ({@link DecisionReplay}) alike. The family returns its own fields only, and declares on the endpoint which
 * rule set is its primary one ({@link PrimaryRuleset}); a decision endpoint without that declaration, or one
 * naming a rule set the manifest does not have, stops start-up.
 */
@Startup
@ApplicationScoped
public class DecisionEnvelopes {

    private final Map<String, PrimaryRuleset> primaries = new HashMap<>();

    public DecisionEnvelopes(RulesetCatalog catalog) {
        List<String> undeclared = new ArrayList<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            for (java.lang.reflect.Type type : bean.getTypes()) {
                if (type instanceof Class<?> api && api.isInterface() && api.isAnnotationPresent(Path.class)
                        && api.getPackageName().equals(AuditApi.class.getPackageName())) {
                    for (Method method : api.getMethods()) {
                        if (!method.isAnnotationPresent(POST.class)
                                || !DecisionEnvelope.class.isAssignableFrom(method.getReturnType())) {
                            continue;
                        }
                        String endpoint = endpoint(api, method);
                        PrimaryRuleset primary = implementation(bean.getBeanClass(), method)
                                .getAnnotation(PrimaryRuleset.class);
                        if (primary == null || primary.value().length == 0) {
                            undeclared.add(endpoint + " (" + bean.getBeanClass().getName() + ")");
                        } else {
                            for (String id : primary.value()) {
                                if (catalog.all().stream().noneMatch(r -> r.id().equals(id))) {
                                    undeclared.add(endpoint + " names '" + id + "', not a rule set of the manifest");
                                }
                            }
                            primaries.put(endpoint, primary);
                        }
                    }
                }
            }
        }
        if (!undeclared.isEmpty()) {
            throw new IllegalStateException("decision endpoints without a valid @PrimaryRuleset: " + undeclared);
        }
    }

    /** The path of an operation of a generated contract interface, as requests, the log and replays name it. */
    static String endpoint(Class<?> api, Method method) {
        return api.getAnnotation(Path.class).value()
                + (method.isAnnotationPresent(Path.class) ? method.getAnnotation(Path.class).value() : "");
    }

    private static Method implementation(Class<?> beanClass, Method method) {
        try {
            return beanClass.getMethod(method.getName(), method.getParameterTypes());
        } catch (NoSuchMethodException e) {
            return method;
        }
    }

    /**
     * Fills the answer's {@code decisionId}, {@code ruleset} and {@code rulesets} from the call's decision,
     * as {@code endpoint} declares them; {@code explanation} is the caller's to add ({@link #explain}).
     * Anything but a decision answer (a problem) is left as it is.
     */
    public Object fill(Object answer, String endpoint, UUID decisionId, Decision decision) {
        if (answer instanceof DecisionEnvelope envelope && decision.decided()) {
            PrimaryRuleset primary = primaries.get(endpoint);
            envelope.setDecisionId(decisionId);
            envelope.setRuleset(decision.ruleset(primary == null ? Set.of() : Set.of(primary.value())));
            envelope.setRulesets(primary == null || primary.listsAll() ? decision.rulesets() : null);
        }
        return answer;
    }

    /** Adds the decision's explanation (the rows matched, the rules fired) to an answer. */
    public Object explain(Object answer, Decision decision) {
        if (answer instanceof DecisionEnvelope envelope) {
            envelope.setExplanation(decision.explanation());
        }
        return answer;
    }

    /**
     * The envelope's fields in the order the answers have always had: {@code decisionId}, {@code ruleset} and
     * {@code rulesets} first, the family's own fields, {@code explanation} last (Jackson writes a superclass's
     * fields first).
     */
    @Singleton
    public static class FieldOrder implements ObjectMapperCustomizer {

        @Override
        public void customize(ObjectMapper mapper) {
            mapper.registerModule(new SimpleModule("decision-envelope-order").setSerializerModifier(
                    new BeanSerializerModifier() {
                        @Override
                        public List<BeanPropertyWriter> orderProperties(SerializationConfig config,
                                BeanDescription description, List<BeanPropertyWriter> properties) {
                            if (!DecisionEnvelope.class.isAssignableFrom(description.getBeanClass())) {
                                return properties;
                            }
                            List<BeanPropertyWriter> ordered = new ArrayList<>(properties);
                            for (int i = 0; i < ordered.size(); i++) {
                                if (ordered.get(i).getName().equals("explanation")) {
                                    ordered.add(ordered.remove(i));
                                    break;
                                }
                            }
                            return ordered;
                        }
                    }));
        }
    }
}
