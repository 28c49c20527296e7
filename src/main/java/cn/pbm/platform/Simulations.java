package cn.pbm.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.pbm.api.SimulationApi;
import cn.pbm.api.model.ChangedItem;
import cn.pbm.api.model.Difference;
import cn.pbm.api.model.FieldError;
import cn.pbm.api.model.MoneyTotal;
import cn.pbm.api.model.RejectedRequest;
import cn.pbm.api.model.SimulationCandidateReport;
import cn.pbm.api.model.SimulationComparison;
import cn.pbm.api.model.SimulationDataset;
import cn.pbm.api.model.SimulationRequest;
import cn.pbm.api.model.SimulationResult;
import cn.pbm.api.model.SimulationSample;
import cn.pbm.api.model.RuleFileInfo;
import cn.pbm.api.model.TableMatch;
import cn.pbm.api.model.Transition;
import io.quarkus.arc.Arc;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * 模拟 Simulations (docs/simulation.md): a candidate rule set (DMN files replacing files of a deployed version, see
 * {@link CandidateRuleset}) and the deployed baseline each decide every request of a dataset through the rule set's
 * own endpoint method, in process, with the same checks and the same answer a live call gets; only the version of
 * that one rule set is fixed for the call ({@link DecisionRecord#simulate}), nothing else. The answers are compared
 * item by item (the items of the answer's list, or the whole answer): output fields that changed and how often
 * (transitions), money totals, and the first changed items with both explanations. A simulation changes no server
 * state: the candidate lives for this call only, nothing is written to the decision log or counted in the metrics.
 */
public class Simulations implements SimulationApi {

    private static final String ABSENT = "(absent)";

    @Inject
    RulesetCatalog catalog;
    @Inject
    DecisionRecord record;
    @Inject
    Evaluations evaluations;
    @Inject
    CandidateRuleset candidates;
    @Inject
    RuleScenarios scenarios;
    @Inject
    DecisionEngine engine;
    @Inject
    SimulationSamples samples;
    @Inject
    DecisionReplay endpoints;
    @Inject
    ObjectMapper mapper;
    @Inject
    LongLists longLists;
    @Inject
    Admission admission;
    @Inject
    Admission.Ticket ticket;
    @Inject
    Jurisdictions jurisdictions;
    @Inject
    PbmConfig config;
    /** pbm.simulation.money-fields, compiled once. */
    private Pattern moneyFields;

    @jakarta.annotation.PostConstruct
    void compileMoneyFields() {
        moneyFields = Pattern.compile(config.simulation().moneyFields());
    }

    @Override
    @RolesAllowed(Roles.POLICY_OFFICER)
    public List<SimulationSample> listSimulationSamples() {
        return samples.all().stream().map(s -> SimulationSamples.describe(s, false)).toList();
    }

    @Override
    @RolesAllowed(Roles.POLICY_OFFICER)
    public SimulationSample getSimulationSample(String name) {
        return samples.find(name).map(s -> SimulationSamples.describe(s, true))
                .orElseThrow(() -> new NotFoundException("no shipped dataset '" + name + "'"));
    }

    /** One request of the dataset: the endpoint it is for and its body. */
    private record Request(String endpoint, Map<String, Object> body) {
    }

    /** One evaluation of one request: the answer, or the problem the endpoint answered. */
    private record Run(JsonNode answer, List<TableMatch> explanation, RejectedRequest rejected) {
    }

    @Override
    @RolesAllowed(Roles.POLICY_OFFICER)
    public SimulationResult simulate(SimulationRequest request) {
        String id = request.getRulesetId();
        if (catalog.all().stream().noneMatch(r -> r.id().equals(id))) {
            throw new InvalidRequestException("/rulesetId", "no rule set '" + id + "' is deployed");
        }
        List<String> chain = jurisdictions.chain(request.getJurisdiction());
        Ruleset baseline = baseline(request, chain);
        CandidateRuleset.Candidate candidate = candidates.build(baseline, request.getCandidate().getFiles());
        List<Request> dataset = dataset(request.getDataset(), id);
        long items = dataset.stream().mapToLong(r -> SimulationSamples.items(r.body())).sum();
        if (items > config.simulation().maxItems()) {
            throw new InvalidRequestException("/dataset", "the dataset holds " + items
                    + " items, more than pbm.simulation.max-items (" + config.simulation().maxItems() + ")");
        }
        admission.admitItems(ticket, (int) Math.min(Integer.MAX_VALUE, 2 * items)); // each item is decided twice
        int limit = request.getLimit() == null ? 20 : request.getLimit();

        Comparison comparison = new Comparison();
        for (int i = 0; i < dataset.size(); i++) {
            Request one = dataset.get(i);
            Method endpoint = endpoints.endpoint(one.endpoint());
            Run before = run(endpoint, one.body(), baseline, null, baseline, false);
            Run after = run(endpoint, one.body(), candidate.ruleset(), candidate.model(), baseline, false);
            if (before.rejected() != null || after.rejected() != null) {
                comparison.rejected.add((before.rejected() != null ? before.rejected() : after.rejected()).request(i));
                continue;
            }
            comparison.compare(i, one, endpoint, before.answer(), after.answer(), limit, baseline, candidate);
        }
        return new SimulationResult()
                .rulesetId(id)
                .endpoint(dataset.stream().map(Request::endpoint).distinct().reduce((a, b) -> a + ", " + b).orElse(null))
                .baseline(DecisionEngine.reference(baseline))
                .candidate(new SimulationCandidateReport()
                        .sha256(candidate.ruleset().sha256())
                        .files(candidate.ruleset().files().stream()
                                .map(f -> new RuleFileInfo().path(f.path()).sha256(f.sha256())).toList())
                        .messages(candidate.messages())
                        .analysis(candidate.analysis())
                        .scenarios(scenarios(baseline, candidate, limit)))
                .comparison(comparison.result(dataset.size()));
    }

    /**
     * The baseline's scenarios (every .scesim whose DMN file is a DMN file of the baseline version) run against the
     * candidate's compiled model; failed scenarios are listed (the first {@code limit} failed expectations).
     */
    private cn.pbm.api.model.ScenarioReport scenarios(Ruleset baseline, CandidateRuleset.Candidate candidate, int limit) {
        List<String> dmnFiles = baseline.files().stream().map(Ruleset.RuleFile::path).filter(p -> p.endsWith(".dmn"))
                .toList();
        List<RuleScenarios.ScenarioFile> files = dmnFiles.stream().flatMap(p -> scenarios.forDmnFile(p).stream()).toList();
        return RuleScenarios.run("KIE Test Scenarios (.scesim) of " + String.join(", ", dmnFiles) + ", run against the candidate",
                files, (inputs, decisions) -> engine.evaluateScenario(candidate.ruleset(), candidate.model(), inputs, decisions), limit);
    }

    private Ruleset baseline(SimulationRequest request, List<String> chain) {
        String version = request.getBaseline() == null ? null : request.getBaseline().getVersion();
        if (version == null) {
            try {
                return catalog.inForce(request.getRulesetId(), LocalDate.now(config.timeZone()), chain);
            } catch (NoRulesetInForceException e) {
                throw new InvalidRequestException("/baseline/version", "no version of " + request.getRulesetId()
                        + " is in force today; name the baseline version");
            }
        }
        return catalog.version(request.getRulesetId(), version).orElseThrow(() -> new CandidateRuleset.Refused(422,
                "The baseline version is not deployed.", List.of(Problems.field("/baseline/version", "version "
                        + version + " of " + request.getRulesetId() + " is not deployed (deployed: "
                        + String.join(", ", catalog.versions(request.getRulesetId()).stream().map(Ruleset::version)
                                .toList()) + ")"))));
    }

    private List<Request> dataset(SimulationDataset dataset, String rulesetId) {
        boolean requests = dataset.getRequests() != null && !dataset.getRequests().isEmpty();
        int given = (requests ? 1 : 0) + (dataset.getDecisionLog() != null ? 1 : 0) + (dataset.getSample() != null ? 1 : 0);
        if (given != 1) {
            throw new InvalidRequestException("/dataset", "give exactly one of requests (not empty), decisionLog, sample");
        }
        Optional<SimulationSamples.Sample> sampleOfRuleset = samples.all().stream()
                .filter(s -> s.rulesetId().equals(rulesetId)).findFirst();
        List<Request> result = new ArrayList<>();
        if (dataset.getSample() != null) {
            SimulationSamples.Sample sample = samples.find(dataset.getSample()).orElseThrow(() ->
                    new InvalidRequestException("/dataset/sample", "no shipped dataset '" + dataset.getSample() + "'"));
            if (!sample.rulesetId().equals(rulesetId)) {
                throw new InvalidRequestException("/dataset/sample", "dataset '" + sample.name() + "' is for rule set "
                        + sample.rulesetId() + ", not " + rulesetId);
            }
            sample.requests().forEach(body -> result.add(new Request(sample.endpoint(), body)));
        } else if (requests) {
            String endpoint = dataset.getEndpoint() != null ? dataset.getEndpoint()
                    : sampleOfRuleset.map(SimulationSamples.Sample::endpoint).orElseThrow(() ->
                            new InvalidRequestException("/dataset/endpoint", "name the decision endpoint the requests are for"));
            checkEndpoint(endpoint, "/dataset/endpoint");
            for (int i = 0; i < dataset.getRequests().size(); i++) {
                Map<String, Object> body = dataset.getRequests().get(i);
                if (body == null) {
                    throw new InvalidRequestException("/dataset/requests/" + i, "expected a request body here");
                }
                result.add(new Request(endpoint, body));
            }
        } else {
            result.addAll(fromDecisionLog(dataset, rulesetId));
        }
        if (result.size() > config.simulation().maxRequests()) {
            throw new InvalidRequestException("/dataset", "the dataset holds " + result.size()
                    + " requests, more than pbm.simulation.max-requests (" + config.simulation().maxRequests() + ")");
        }
        return result;
    }

    private void checkEndpoint(String endpoint, String pointer) {
        if (endpoints.endpoint(endpoint) == null || endpoint.startsWith(AuditTrail.SIMULATION_ENDPOINT)
                || endpoint.equals(AuditTrail.REPLAY_ENDPOINT)) {
            throw new InvalidRequestException(pointer, "not a decision endpoint of this service: " + endpoint);
        }
    }

    /** The decided requests of the decision-log file that used the rule set, made between from and to (inclusive). */
    private List<Request> fromDecisionLog(SimulationDataset dataset, String rulesetId) {
        LocalDate from = dataset.getDecisionLog().getFrom();
        LocalDate to = dataset.getDecisionLog().getTo();
        if (to.isBefore(from)) {
            throw new InvalidRequestException("/dataset/decisionLog/to", "must not be before from");
        }
        Path file = config.decisionLog().file().filter(f -> !f.isBlank()).map(Path::of).orElseThrow(() ->
                new InvalidRequestException("/dataset/decisionLog", "the decision log is not written to a file "
                        + "(pbm.decision-log.file is not set): use requests or sample"));
        List<Request> result = new ArrayList<>();
        if (!Files.exists(file)) {
            return result;
        }
        TypeReference<Map<String, Object>> asMap = new TypeReference<>() {
        };
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode entry;
                try {
                    entry = mapper.readTree(line);
                } catch (JsonProcessingException e) {
                    continue; // not a log line (a torn line is set aside at start-up)
                }
                if (!"DECIDED".equals(entry.path("outcome").asText()) || !entry.path("input").isObject()
                        || !entry.path("timestamp").isTextual()) {
                    continue;
                }
                boolean used = false;
                for (JsonNode ruleset : entry.path("rulesets")) {
                    used |= rulesetId.equals(ruleset.path("id").asText());
                }
                LocalDate day;
                try {
                    day = OffsetDateTime.parse(entry.get("timestamp").asText()).atZoneSameInstant(config.timeZone()).toLocalDate();
                } catch (java.time.format.DateTimeParseException e) {
                    continue;
                }
                String endpoint = entry.path("endpoint").asText();
                if (used && !day.isBefore(from) && !day.isAfter(to) && endpoints.endpoint(endpoint) != null) {
                    result.add(new Request(endpoint, mapper.convertValue(entry.get("input"), asMap)));
                    if (result.size() > config.simulation().maxRequests()) {
                        break; // refused by the caller with the limit named
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the decision log " + file, e);
        }
        return result;
    }

    /** Decides one request body through the endpoint method with {@code version} deciding for its rule set. */
    private Run run(Method endpoint, Map<String, Object> body, Ruleset version, Object model, Ruleset baseline,
            boolean explain) {
        record.simulate(version, model, baseline, explain);
        evaluations.clear(); // each run of a dataset request is a decision of its own
        Parameter[] parameters = endpoint.getParameters();
        Object[] arguments = new Object[parameters.length];
        try {
            for (int i = 0; i < parameters.length; i++) {
                if (!parameters[i].isAnnotationPresent(QueryParam.class)) {
                    Object typed;
                    try {
                        typed = mapper.convertValue(body, parameters[i].getType());
                    } catch (IllegalArgumentException e) {
                        if (e.getCause() instanceof JsonProcessingException json) {
                            return rejected(400, "Invalid request", List.of(Problems.field(ProblemMappers.pointerOf(json),
                                    ProblemMappers.describe(json))));
                        }
                        return rejected(400, "Invalid request", List.of(Problems.field("", "does not fit the endpoint")));
                    }
                    List<FieldError> errors = longLists.violations(typed, "");
                    if (!errors.isEmpty()) {
                        return rejected(400, "Invalid request", errors);
                    }
                    arguments[i] = typed;
                }
            }
            Object resource = Arc.container().select(endpoint.getDeclaringClass()).get();
            Object answer = endpoint.invoke(resource, arguments);
            return new Run(mapper.valueToTree(answer), explain ? evaluations.decision().tables() : null, null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidRequestException invalid) {
                return rejected(400, "Invalid request", invalid.errors());
            }
            if (cause instanceof ContractViolationException violation) {
                return rejected(400, "Invalid request", violation.errors());
            }
            if (cause instanceof ConstraintViolationException violation) {
                return rejected(400, "Invalid request", violation.getConstraintViolations().stream()
                        .map(v -> ProblemMappers.error(v, "")).toList());
            }
            if (cause instanceof NoRulesetInForceException none) {
                return rejected(422, "No rule set in force", none.errors().isEmpty()
                        ? List.of(Problems.field("", none.getMessage())) : none.errors());
            }
            if (cause instanceof DecisionFailedException failed) {
                return rejected(422, "The " + (model == null ? "baseline" : "candidate") + " failed to decide",
                        List.of(Problems.field("", failed.getMessage())));
            }
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }

    private static Run rejected(int status, String title, List<FieldError> errors) {
        return new Run(null, null, new RejectedRequest().status(status).title(title).errors(List.copyOf(errors)));
    }

    /** The items of an answer: the elements of its one list of objects, else the answer itself (without its ids). */
    static List<JsonNode> items(JsonNode answer) {
        ObjectNode whole = answer.deepCopy();
        whole.remove(List.of("decisionId", "ruleset", "explanation"));
        List<String> lists = new ArrayList<>();
        whole.fields().forEachRemaining(f -> {
            if (f.getValue().isArray() && f.getValue().size() > 0 && f.getValue().get(0).isObject()) {
                lists.add(f.getKey());
            }
        });
        if (lists.size() == 1) {
            List<JsonNode> items = new ArrayList<>();
            whole.get(lists.get(0)).forEach(items::add);
            return items;
        }
        return List.of(whole);
    }

    /** The request with its one list cut to item {@code j}, when the answer's items are that list's; else null. */
    static Map<String, Object> oneItem(Map<String, Object> body, int items, int j) {
        String list = null;
        for (Map.Entry<String, Object> field : body.entrySet()) {
            if (field.getValue() instanceof List<?> values && values.size() == items) {
                if (list != null) {
                    return null;
                }
                list = field.getKey();
            }
        }
        if (list == null) {
            return null;
        }
        Map<String, Object> one = new LinkedHashMap<>(body);
        one.put(list, List.of(((List<?>) body.get(list)).get(j)));
        return one;
    }

    /** The running comparison of a simulation. */
    private final class Comparison {
        int evaluated;
        int changed;
        final Map<List<String>, Integer> transitions = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)));
        final Map<String, BigDecimal[]> money = new TreeMap<>();
        final List<ChangedItem> changedItems = new ArrayList<>();
        final List<RejectedRequest> rejected = new ArrayList<>();

        void compare(int i, Request request, Method endpoint, JsonNode before, JsonNode after, int limit,
                Ruleset baseline, CandidateRuleset.Candidate candidate) {
            List<JsonNode> a = items(before);
            List<JsonNode> b = items(after);
            for (int j = 0; j < Math.max(a.size(), b.size()); j++) {
                JsonNode x = j < a.size() ? a.get(j) : mapper.createObjectNode();
                JsonNode y = j < b.size() ? b.get(j) : mapper.createObjectNode();
                evaluated++;
                sumMoney(x, "", 0);
                sumMoney(y, "", 1);
                List<Difference> differences = new ArrayList<>();
                DecisionReplay.compare(x, y, "", differences);
                if (differences.isEmpty()) {
                    continue;
                }
                changed++;
                for (Difference difference : differences) {
                    String from = text(difference.getRecorded());
                    String to = text(difference.getReplayed());
                    if (from != null && to != null) {
                        transitions.merge(List.of(field(difference.getField()), from, to), 1, Integer::sum);
                    }
                }
                if (changedItems.size() < limit) {
                    ChangedItem item = new ChangedItem().request(i).item(j)
                            .baseline(mapper.convertValue(x, new TypeReference<Map<String, Object>>() {
                            }))
                            .candidate(mapper.convertValue(y, new TypeReference<Map<String, Object>>() {
                            }));
                    Map<String, Object> one = a.size() == 1 ? request.body() : oneItem(request.body(), a.size(), j);
                    if (one != null) { // each answer's explanation: the rows that matched for this item
                        Run before1 = run(endpoint, one, baseline, null, baseline, true);
                        Run after1 = run(endpoint, one, candidate.ruleset(), candidate.model(), baseline, true);
                        item.baselineExplanation(before1.explanation()).candidateExplanation(after1.explanation());
                    }
                    changedItems.add(item);
                }
            }
        }

        /** Text of an output value for a transition: strings, booleans, a code; null for numbers (see money). */
        private String text(Object value) {
            JsonNode node = value == null ? null : mapper.valueToTree(value);
            if (node == null || node.isNull() || node.isMissingNode()) {
                return ABSENT;
            }
            if (node.isTextual() || node.isBoolean()) {
                return node.asText();
            }
            if (node.isObject() && node.path("code").isTextual()) {
                return node.get("code").asText();
            }
            return null;
        }

        /** A difference's JSON pointer below the item, as a field name: {@code light}, {@code targetLights/0}. */
        private static String field(String pointer) {
            return pointer.startsWith("/") ? pointer.substring(1) : pointer;
        }

        private void sumMoney(JsonNode node, String path, int side) {
            if (node.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    String at = path.isEmpty() ? f.getKey() : path + "/" + f.getKey();
                    if (f.getValue().isNumber() && moneyFields.matcher(f.getKey()).matches()) {
                        BigDecimal[] totals = money.computeIfAbsent(at, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                        totals[side] = totals[side].add(f.getValue().decimalValue());
                    } else {
                        sumMoney(f.getValue(), at, side);
                    }
                }
            } else if (node.isArray()) {
                node.forEach(element -> sumMoney(element, path, side)); // summed over the list's elements
            }
        }

        SimulationComparison result(int requests) {
            List<Transition> transitionList = new ArrayList<>();
            transitions.forEach((k, count) -> transitionList.add(new Transition().field(k.get(0)).from(k.get(1))
                    .to(k.get(2)).count(count)));
            List<MoneyTotal> moneyList = new ArrayList<>();
            money.forEach((field, totals) -> moneyList.add(new MoneyTotal().field(field)
                    .baseline(totals[0].setScale(2, RoundingMode.HALF_UP))
                    .candidate(totals[1].setScale(2, RoundingMode.HALF_UP))
                    .difference(totals[1].subtract(totals[0]).setScale(2, RoundingMode.HALF_UP))));
            return new SimulationComparison().requests(requests).evaluated(evaluated).changed(changed)
                    .transitions(transitionList).money(moneyList).changedItems(changedItems).rejected(rejected);
        }
    }

    @ServerExceptionMapper
    public Response refused(CandidateRuleset.Refused e) {
        return Problems.response(e.status, e.status == 400 ? "invalid-request" : "candidate-refused",
                e.status == 400 ? "Invalid request" : "Candidate refused", e.getMessage(), e.errors);
    }
}
