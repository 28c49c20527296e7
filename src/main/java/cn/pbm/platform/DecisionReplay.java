package cn.pbm.platform;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.pbm.api.model.DecisionLogEntry;
import cn.pbm.api.model.Difference;
import cn.pbm.api.model.ReplayResult;
import cn.pbm.api.model.RulesetRef;
import cn.pbm.api.AuditApi;
import io.quarkus.arc.Arc;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/**
 * Re-evaluates a decision-log line: the recorded rule-set versions are pinned (their hashes must match what
 * is deployed), the recorded input goes through the same endpoint method, in process, and the output is
 * compared with the recorded one field by field (the decision id aside, which is new on every call).
 */
@ApplicationScoped
public class DecisionReplay {

    private final RulesetCatalog catalog;
    private final DecisionRecord record;
    private final ObjectMapper mapper;
    private final LongLists longLists;
    private final Map<String, Method> endpoints = new LinkedHashMap<>();

    public DecisionReplay(RulesetCatalog catalog, DecisionRecord record, ObjectMapper mapper, LongLists longLists) {
        this.catalog = catalog;
        this.record = record;
        this.mapper = mapper;
        this.longLists = longLists;
        // every POST operation of the generated contract interfaces, by path
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            for (java.lang.reflect.Type type : bean.getTypes()) {
                if (type instanceof Class<?> api && api.isInterface() && api.isAnnotationPresent(Path.class)
                        && api.getPackageName().equals(AuditApi.class.getPackageName())) {
                    for (Method method : api.getMethods()) {
                        if (method.isAnnotationPresent(POST.class)) { // an operation may sit on the interface's path
                            endpoints.put(api.getAnnotation(Path.class).value() + (method.isAnnotationPresent(Path.class)
                                    ? method.getAnnotation(Path.class).value() : ""), method);
                        }
                    }
                }
            }
        }
    }

    public ReplayResult replay(DecisionLogEntry entry) {
        ReplayResult result = new ReplayResult().decisionId(entry.getDecisionId());
        Method endpoint = endpoints.get(entry.getEndpoint());
        if (endpoint == null) {
            throw new InvalidRequestException("/endpoint", "not a decision endpoint of this service: "
                    + entry.getEndpoint());
        }
        Map<String, String> pins = new LinkedHashMap<>();
        List<RulesetRef> notDeployed = new ArrayList<>();
        for (RulesetRef used : entry.getRulesets()) {
            boolean deployed = catalog.version(used.getId(), used.getVersion())
                    .filter(r -> r.sha256().equals(used.getSha256())).isPresent();
            if (deployed) {
                pins.put(used.getId(), used.getVersion());
            } else {
                notDeployed.add(used);
            }
        }
        if (!notDeployed.isEmpty()) {
            return result.result(ReplayResult.ResultEnum.VERSION_NOT_DEPLOYED).notDeployed(notDeployed);
        }
        record.replay(pins);
        JsonNode replayed = mapper.valueToTree(invoke(endpoint, entry.getInput()));
        JsonNode recorded = mapper.valueToTree(entry.getOutput());
        List<Difference> differences = new ArrayList<>();
        compare(recorded, replayed, "", differences);
        return result.replayDecisionId(record.decisionId())
                .result(differences.isEmpty() ? ReplayResult.ResultEnum.MATCH : ReplayResult.ResultEnum.MISMATCH)
                .differences(differences);
    }

    private Object invoke(Method endpoint, Map<String, Object> input) {
        Object resource = Arc.container().select(endpoint.getDeclaringClass()).get();
        Object[] arguments = new Object[endpoint.getParameterCount()];
        Parameter[] parameters = endpoint.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            arguments[i] = parameters[i].isAnnotationPresent(QueryParam.class) ? null : body(input, parameters[i]);
        }
        try {
            return endpoint.invoke(resource, arguments);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /** The recorded input as the endpoint's request type, held to the same contract as a live request. */
    private Object body(Map<String, Object> input, Parameter parameter) {
        Object body;
        try {
            body = mapper.convertValue(input, parameter.getType());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("/input", "the recorded input does not fit the endpoint: "
                    + e.getMessage());
        }
        List<cn.pbm.api.model.FieldError> errors = longLists.violations(body, "/input");
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return body;
    }

    /** Field-by-field comparison; numbers compare by value (0.25 equals 0.2500); the decision id is ignored. */
    private static boolean absentOrNull(JsonNode node) {
        return node == null || node.isNull();
    }

    static void compare(JsonNode recorded, JsonNode replayed, String at, List<Difference> differences) {
        if (at.equals("/decisionId")) {
            return;
        }
        if (recorded.isObject() && replayed.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            recorded.fieldNames().forEachRemaining(names::add);
            replayed.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String field = at + "/" + Problems.token(name);
                if (absentOrNull(recorded.get(name)) && absentOrNull(replayed.get(name))) {
                    continue; // an explicit null (ruleset.jurisdiction of the default profile) and an absent field agree
                }
                if (!recorded.has(name)) {
                    differences.add(new Difference().field(field).replayed(replayed.get(name)));
                } else if (!replayed.has(name)) {
                    differences.add(new Difference().field(field).recorded(recorded.get(name)));
                } else {
                    compare(recorded.get(name), replayed.get(name), field, differences);
                }
            }
        } else if (recorded.isArray() && replayed.isArray()) {
            Iterator<JsonNode> a = recorded.elements();
            Iterator<JsonNode> b = replayed.elements();
            int i = 0;
            while (a.hasNext() || b.hasNext()) {
                String field = at + "/" + i++;
                if (!a.hasNext()) {
                    differences.add(new Difference().field(field).replayed(b.next()));
                } else if (!b.hasNext()) {
                    differences.add(new Difference().field(field).recorded(a.next()));
                } else {
                    compare(a.next(), b.next(), field, differences);
                }
            }
        } else if (recorded.isNumber() && replayed.isNumber()) {
            if (recorded.decimalValue().compareTo(replayed.decimalValue()) != 0) {
                differences.add(new Difference().field(at).recorded(recorded).replayed(replayed));
            }
        } else if (!recorded.equals(replayed)) {
            differences.add(new Difference().field(at).recorded(recorded).replayed(replayed));
        }
    }
}
