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
 * is deployed), the recorded input goes through the same endpoint method, in process, its envelope is filled
 * as a live answer's is ({@link DecisionEnvelopes}), and the output is compared with the recorded one field by
 * field (the decision id aside, which is new on every call).
 */
@ApplicationScoped
public class DecisionReplay {

    private final RulesetCatalog catalog;
    private final DecisionRecord record;
    private final ObjectMapper mapper;
    private final LongLists longLists;
    private final DecisionLog log;
    private final Map<String, Method> endpoints = new LinkedHashMap<>();
    @jakarta.inject.Inject
    Evaluations evaluations;
    @jakarta.inject.Inject
    DecisionEnvelopes envelopes;

    public DecisionReplay(RulesetCatalog catalog, DecisionRecord record, ObjectMapper mapper, LongLists longLists,
            DecisionLog log) {
        this.log = log;
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
                            endpoints.put(DecisionEnvelopes.endpoint(api, method), method);
                        }
                    }
                }
            }
        }
    }

    /** The decision endpoint method (of the generated contract interfaces) at {@code path}, or null. */
    Method endpoint(String path) {
        return endpoints.get(path);
    }

    public ReplayResult replay(DecisionLogEntry entry) {
        ReplayResult result = new ReplayResult().decisionId(entry.getDecisionId());
        Method endpoint = endpoints.get(entry.getEndpoint());
        if (endpoint == null) {
            throw new InvalidRequestException("/endpoint", "not a decision endpoint of this service: "
                    + entry.getEndpoint());
        }
        checkShape(entry);
        Map<String, List<String>> pins = new LinkedHashMap<>();
        List<RulesetRef> notDeployed = new ArrayList<>();
        for (RulesetRef used : entry.getRulesets()) {
            boolean deployed = catalog.version(used.getId(), used.getVersion())
                    .filter(r -> r.sha256().equals(used.getSha256())).isPresent();
            if (deployed) {
                pins.computeIfAbsent(used.getId(), k -> new ArrayList<>()).add(used.getVersion());
            } else {
                notDeployed.add(used);
            }
        }
        if (!notDeployed.isEmpty()) {
            return result.result(ReplayResult.ResultEnum.VERSION_NOT_DEPLOYED).notDeployed(notDeployed);
        }
        boolean inputOmitted = entry.getOmitted() != null
                && entry.getOmitted().contains(DecisionLogEntry.OmittedEnum.INPUT);
        if (inputOmitted && (entry.getInput() == null || entry.getInput().isEmpty())) {
            throw new InputNotKept();
        }
        boolean outputOmitted = entry.getOutputSha256() != null
                && (entry.getOutput() == null || entry.getOutput().isEmpty());
        record.replay(pins);
        evaluations.clear();
        Object answer = envelopes.fill(invoke(endpoint, entry), entry.getEndpoint(), record.decisionId(),
                evaluations.decision());
        List<Difference> differences = new ArrayList<>();
        if (outputOmitted) { // the log kept only the answer's hash: compared whole
            String replayedSha256;
            try {
                replayedSha256 = log.sha256WithoutDecisionId(answer);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (!replayedSha256.equals(entry.getOutputSha256())) {
                differences.add(new Difference().field("").recorded("sha256:" + entry.getOutputSha256())
                        .replayed("sha256:" + replayedSha256));
            }
        } else {
            compare(mapper.valueToTree(entry.getOutput()), mapper.valueToTree(answer), "", differences);
        }
        if (record.explanationAsked()) { // ?explain=true on the replay: the full explanation the line keeps compact
            result.explanation(evaluations.decision().explanation());
        }
        return result.replayDecisionId(record.decisionId())
                .result(differences.isEmpty() ? ReplayResult.ResultEnum.MATCH : ReplayResult.ResultEnum.MISMATCH)
                .differences(differences);
    }

    /**
     * What the contract's schema cannot say about a log line: the rule-set pins are required (without them a
     * replay would decide with today's rules and skip the version check), and no list holds a null.
     */
    private static void checkShape(DecisionLogEntry entry) {
        List<cn.pbm.api.model.FieldError> errors = new ArrayList<>();
        if (entry.getRulesets() == null || entry.getRulesets().isEmpty()) {
            errors.add(Problems.field("/rulesets", "the rule-set versions the decision recorded are required"));
        } else {
            for (int i = 0; i < entry.getRulesets().size(); i++) {
                if (entry.getRulesets().get(i) == null) {
                    errors.add(Problems.field("/rulesets/" + i, "expected a rule-set object here"));
                }
            }
        }
        if (entry.getErrors() != null) {
            for (int i = 0; i < entry.getErrors().size(); i++) {
                if (entry.getErrors().get(i) == null) {
                    errors.add(Problems.field("/errors/" + i, "expected an error object here"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    /** A line whose input the log did not keep, replayed without the original body: said so, not guessed. */
    static final class InputNotKept extends RuntimeException {
    }

    @org.jboss.resteasy.reactive.server.ServerExceptionMapper
    public jakarta.ws.rs.core.Response inputNotKept(InputNotKept e) {
        return Problems.response(422, "input-not-kept", "Input not kept",
                "The decision log kept only the SHA-256 of this decision's request (it was larger than "
                        + "pbm.decision-log.max-body-bytes). Put the original request body in input to replay it; "
                        + "it must hash to inputSha256.",
                List.of(Problems.field("/input", "the original request body is required (the log omitted it)")));
    }

    private Object invoke(Method endpoint, DecisionLogEntry entry) {
        Map<String, Object> input = entry.getInput();
        Object resource = Arc.container().select(endpoint.getDeclaringClass()).get();
        Object[] arguments = new Object[endpoint.getParameterCount()];
        Parameter[] parameters = endpoint.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            if (!parameters[i].isAnnotationPresent(QueryParam.class)) {
                arguments[i] = body(input, parameters[i]);
                if (entry.getInputSha256() != null && !entry.getInputSha256().equals(log.sha256(arguments[i]))) {
                    throw new InvalidRequestException("/input",
                            "does not hash to the recorded inputSha256: not the request this decision was made on");
                }
            }
        }
        try {
            return endpoint.invoke(resource, arguments);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            // what the endpoint refuses is answered as live, with each field named inside the recorded input
            if (e.getCause() instanceof InvalidRequestException invalid) {
                throw new InvalidRequestException(inInput(invalid.errors()));
            }
            if (e.getCause() instanceof ContractViolationException violation) {
                throw new ContractViolationException(inInput(violation.errors()));
            }
            if (e.getCause() instanceof NoRulesetInForceException none && !none.errors().isEmpty()) {
                throw new NoRulesetInForceException(inInput(none.errors()));
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private static List<cn.pbm.api.model.FieldError> inInput(List<cn.pbm.api.model.FieldError> errors) {
        return errors.stream().map(e -> Problems.field(e.getField() != null && e.getField().startsWith("/input")
                ? e.getField() : "/input" + (e.getField() == null ? "" : e.getField()), e.getMessage())).toList();
    }

    /** The recorded input as the endpoint's request type, held to the same contract as a live request. */
    private Object body(Map<String, Object> input, Parameter parameter) {
        Object body;
        try {
            body = mapper.convertValue(input, parameter.getType());
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
                throw new InvalidRequestException("/input" + ProblemMappers.pointerOf(json),
                        ProblemMappers.describe(json));
            }
            throw new InvalidRequestException("/input", "the recorded input does not fit the endpoint");
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
