package cn.pbm.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.kie.dmn.api.core.DMNDecisionResult;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.feel.runtime.events.FEELEvent;
import org.kie.dmn.core.compiler.profiles.ExtendedDMNProfile;
import org.kie.dmn.feel.FEEL;
import org.kie.dmn.feel.lang.EvaluationContext;
import org.kie.dmn.feel.lang.impl.FEELBuilder;
import org.kie.dmn.feel.lang.impl.FEELImpl;
import org.kie.dmn.feel.lang.types.BuiltInType;
import org.kie.dmn.feel.runtime.UnaryTest;
import org.kie.dmn.feel.runtime.functions.extended.CodeFunction;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.pbm.api.model.ScenarioFailure;
import cn.pbm.api.model.ScenarioReport;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The rule sets' KIE Test Scenarios ({@code test-scenarios/<family>/*.scesim}, shipped on the runtime classpath
 * under {@code test-scenarios/}, listed in {@code test-scenarios/scesim-files.txt} by the build), read and run
 * against any compiled DMN model in memory: a simulation runs the scenarios of its baseline's DMN file against the
 * candidate (docs/simulation.md, docs/design.md "Scenarios against a candidate").
 *
 * <p>The KIE runner (drools-scenario-simulation-backend, via kogito-scenario-simulation) stays a test dependency;
 * this reader repeats its semantics for DMN scenarios: a GIVEN cell is a FEEL expression (a list column holds JSON:
 * a string is a FEEL expression, an array the collection editor's items, each field a FEEL expression); an EXPECT
 * cell is a FEEL unary test on the decision's value ({@code "RED"}, {@code > 10}, {@code [1..5]}, {@code null},
 * {@code ? = []}), reached through the column's steps (e.g. {@code projectLight.light}); for a list value the cell is
 * JSON as above (a string: a unary test on the whole list; an array: every expected item matches some item). An
 * empty cell (no raw value) is skipped, as the runner skips it. {@code ScenarioReaderTest} proves agreement: every
 * shipped row passes against the deployed models, as it does in the build's KIE run.
 */
@ApplicationScoped
public class RuleScenarios {

    static final String INDEX = "test-scenarios/scesim-files.txt";

    /** One column of a scenario file: GIVEN or EXPECT, the fact (input or decision) and the steps below it. */
    record Column(String id, String kind, String fact, List<String> steps, String className) {
        String field() {
            return steps.isEmpty() ? fact : fact + "." + String.join(".", steps);
        }

        boolean isList() {
            return "java.util.List".equals(className) || "java.util.ArrayList".equals(className)
                    || "java.util.LinkedList".equals(className);
        }
    }

    /** One row (scenario): its 1-based index, its description and its raw cells by column id. */
    record Row(int index, String description, Map<String, String> cells) {
    }

    /** A parsed .scesim file: its repository path, the DMN file it tests (repository path), columns and rows. */
    record ScenarioFile(String path, String dmnFile, List<Column> columns, Map<String, String> background,
            List<Row> rows) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<String> directory;
    private volatile List<ScenarioFile> files;

    public RuleScenarios(PbmConfig config) {
        this.directory = config.rulesets().directory();
    }

    /** Every shipped scenario file, parsed once. */
    public List<ScenarioFile> all() {
        List<ScenarioFile> loaded = files;
        if (loaded == null) {
            synchronized (this) {
                if (files == null) {
                    files = load();
                }
                loaded = files;
            }
        }
        return loaded;
    }

    /** The scenario files whose DMN file is {@code dmnPath} (repository path, e.g. dmn/warning/x.dmn). */
    public List<ScenarioFile> forDmnFile(String dmnPath) {
        return all().stream().filter(f -> f.dmnFile().equals(dmnPath)).toList();
    }

    private List<ScenarioFile> load() {
        String index = text(INDEX);
        if (index == null) {
            return List.of(); // built without the scenarios: every run is "run: 0"
        }
        List<ScenarioFile> loaded = new ArrayList<>();
        for (String line : index.split("\\R")) {
            String name = line.trim();
            if (name.isEmpty()) {
                continue;
            }
            String path = "test-scenarios/" + name.replace('\\', '/');
            String xml = text(path);
            if (xml == null) {
                throw new IllegalStateException(path + " is listed in " + INDEX + " but not on the classpath");
            }
            loaded.add(parse(path, xml));
        }
        return List.copyOf(loaded);
    }

    /** A resource by classpath name; under pbm.rulesets.directory (laid out as the classpath) when that is set. */
    private String text(String name) {
        try {
            if (directory.isPresent()) {
                Path file = Path.of(directory.get()).resolve(name);
                if (Files.isRegularFile(file)) {
                    return Files.readString(file, StandardCharsets.UTF_8);
                }
            }
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            try (InputStream in = (loader != null ? loader : RuleScenarios.class.getClassLoader()).getResourceAsStream(name)) {
                return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ScenarioFile parse(String path, String xml) {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            document = builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(path + " is not a readable scenario file: " + e.getMessage(), e);
        }
        Element root = document.getDocumentElement();
        Element simulation = child(root, "simulation");
        Element settings = child(root, "settings");
        String dmnFilePath = settings == null ? null : textOf(child(settings, "dmnFilePath"));
        String type = settings == null ? null : textOf(child(settings, "type"));
        if (!"DMN".equals(type) || dmnFilePath == null) {
            throw new IllegalStateException(path + " is not a DMN scenario file");
        }
        List<Column> columns = new ArrayList<>();
        for (Element mapping : children(child(child(simulation, "scesimModelDescriptor"), "factMappings"), "FactMapping")) {
            Element expression = child(mapping, "expressionIdentifier");
            List<String> steps = new ArrayList<>();
            for (Element element : children(child(mapping, "expressionElements"), "ExpressionElement")) {
                steps.add(textOf(child(element, "step")));
            }
            String fact = textOf(child(child(mapping, "factIdentifier"), "name"));
            columns.add(new Column(textOf(child(expression, "name")), textOf(child(expression, "type")), fact,
                    steps.isEmpty() ? List.of() : List.copyOf(steps.subList(1, steps.size())),
                    textOf(child(mapping, "className"))));
        }
        List<Row> rows = new ArrayList<>();
        int index = 0;
        for (Element scenario : children(child(simulation, "scesimData"), "Scenario")) {
            Map<String, String> cells = cells(scenario);
            rows.add(new Row(++index, cells.getOrDefault("Description", ""), Collections.unmodifiableMap(cells)));
        }
        Map<String, String> background = new LinkedHashMap<>();
        Element backgroundElement = child(root, "background");
        if (backgroundElement != null) {
            for (Element data : children(child(backgroundElement, "scesimData"), "BackgroundData")) {
                background.putAll(cells(data));
            }
        }
        return new ScenarioFile(path, repositoryPath(dmnFilePath), List.copyOf(columns), background, List.copyOf(rows));
    }

    /** {@code ../../dmn/warning/x.dmn} (relative to test-scenarios/<family>/) → {@code dmn/warning/x.dmn}. */
    static String repositoryPath(String dmnFilePath) {
        String path = dmnFilePath.replace('\\', '/');
        while (path.startsWith("../")) {
            path = path.substring(3);
        }
        return path;
    }

    /** The cells of a row that have a raw value, by column id. */
    private static Map<String, String> cells(Element scenario) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (Element value : children(child(scenario, "factMappingValues"), "FactMappingValue")) {
            Element raw = child(value, "rawValue");
            if (raw != null) {
                cells.put(textOf(child(child(value, "expressionIdentifier"), "name")), raw.getTextContent());
            }
        }
        return cells;
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent != null) {
            for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element && element.getTagName().equals(name)) {
                    found.add(element);
                }
            }
        }
        return found;
    }

    private static String textOf(Element element) {
        return element == null ? null : element.getTextContent().trim();
    }

    // ---- running ----

    /** A compiled model to run scenarios against: its DMNResult for the inputs, with (at least) these decisions. */
    @FunctionalInterface
    public interface Model {
        DMNResult evaluate(Map<String, Object> inputs, java.util.Set<String> decisions);
    }

    /**
     * Runs every row of {@code scenarioFiles} against a model: {@code evaluate} takes the inputs (name → value) and
     * answers the model's DMNResult for the decisions the file expects (the KIE runner evaluates all decisions; a
     * decision's value does not depend on which others are evaluated beside it). A failed row is information: listed (its first {@code limit} failed
     * expectations), never thrown.
     */
    public static ScenarioReport run(String suite, List<ScenarioFile> scenarioFiles, Model evaluate, int limit) {
        int run = 0;
        int failed = 0;
        int failedExpectations = 0;
        List<ScenarioFailure> failures = new ArrayList<>();
        for (ScenarioFile file : scenarioFiles) {
            for (Row row : file.rows()) {
                run++;
                List<ScenarioFailure> rowFailures = runRow(file, row, evaluate);
                if (!rowFailures.isEmpty()) {
                    failed++;
                    failedExpectations += rowFailures.size();
                    for (ScenarioFailure failure : rowFailures) {
                        if (failures.size() < limit) {
                            failures.add(failure);
                        }
                    }
                }
            }
        }
        return new ScenarioReport().suite(suite).files(scenarioFiles.stream().map(ScenarioFile::path).toList()).run(run)
                .passed(run - failed).failed(failed).failedExpectations(failedExpectations).failures(failures);
    }

    static List<ScenarioFailure> runRow(ScenarioFile file, Row row, Model evaluate) {
        List<ScenarioFailure> failures = new ArrayList<>();
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (Map<String, String> cells : List.of(file.background(), row.cells())) {
            for (Column column : file.columns()) {
                String raw = cells.get(column.id());
                if (!"GIVEN".equals(column.kind()) || raw == null) {
                    continue;
                }
                Object value;
                try {
                    value = literal(raw, column.isList());
                } catch (RuntimeException e) {
                    failures.add(failure(file, row, column, raw, "(the cell is not a FEEL expression: " + e.getMessage() + ")"));
                    continue;
                }
                put(inputs, column, value);
            }
        }
        if (!failures.isEmpty()) {
            return failures;
        }
        DMNResult result;
        try {
            result = evaluate.evaluate(inputs, file.columns().stream().filter(c -> "EXPECT".equals(c.kind()))
                    .map(Column::fact).collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));
        } catch (RuntimeException e) {
            for (Column column : file.columns()) {
                if ("EXPECT".equals(column.kind()) && row.cells().get(column.id()) != null) {
                    failures.add(failure(file, row, column, row.cells().get(column.id()),
                            "(the model was not evaluated: " + e.getMessage() + ")"));
                }
            }
            return failures;
        }
        for (Column column : file.columns()) {
            String raw = row.cells().get(column.id());
            if (!"EXPECT".equals(column.kind()) || raw == null) {
                continue;
            }
            DMNDecisionResult decision = result.getDecisionResultByName(column.fact());
            if (decision == null) {
                failures.add(failure(file, row, column, raw, "(the model has no decision " + column.fact() + ")"));
                continue;
            }
            if (decision.getEvaluationStatus() != DMNDecisionResult.DecisionEvaluationStatus.SUCCEEDED) {
                failures.add(failure(file, row, column, raw, "(the decision was not evaluated: "
                        + decision.getEvaluationStatus() + ")"));
                continue;
            }
            Object actual = decision.getResult();
            boolean structured = true;
            for (String step : column.steps()) {
                if (actual == null) {
                    break;
                }
                if (!(actual instanceof Map<?, ?> map)) {
                    structured = false;
                    break;
                }
                actual = map.get(step);
            }
            if (!structured) {
                failures.add(failure(file, row, column, raw, "(the decision's value is not a structure: "
                        + feelText(decision.getResult()) + ")"));
                continue;
            }
            try {
                if (!verify(raw, actual)) {
                    failures.add(failure(file, row, column, raw, feelText(actual)));
                }
            } catch (RuntimeException e) {
                failures.add(failure(file, row, column, raw, feelText(actual) + " (" + e.getMessage() + ")"));
            }
        }
        return failures;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> inputs, Column column, Object value) {
        if (column.steps().isEmpty()) {
            inputs.put(column.fact(), value);
            return;
        }
        Object existing = inputs.get(column.fact());
        Map<String, Object> target = existing instanceof Map<?, ?> map ? (Map<String, Object>) map : new HashMap<>();
        inputs.put(column.fact(), target);
        List<String> steps = column.steps();
        for (String step : steps.subList(0, steps.size() - 1)) {
            target = (Map<String, Object>) target.computeIfAbsent(step, k -> new HashMap<>());
        }
        target.put(steps.get(steps.size() - 1), value);
    }

    private static ScenarioFailure failure(ScenarioFile file, Row row, Column column, String expected, String actual) {
        return new ScenarioFailure()._file(file.path()).row(row.index()).description(row.description())
                .field(column.field()).expected(expected).actual(actual)
                .message(file.path() + " row " + row.index() + " 「" + row.description() + "」: " + column.field()
                        + " expected " + expected + ", was " + actual);
    }

    // ---- the runner's semantics (DMN FEEL expression evaluator) ----

    /** A GIVEN cell's value: a FEEL expression, or for a list column the collection editor's JSON. */
    static Object literal(String raw, boolean listColumn) {
        if (!listColumn) {
            return feelValue(raw);
        }
        JsonNode json = json(raw);
        if (json.isTextual()) {
            return feelValue(json.asText());
        }
        if (json.isArray()) {
            return listOf((ArrayNode) json);
        }
        if (json.isObject()) {
            return objectOf((ObjectNode) json);
        }
        throw new IllegalArgumentException("malformed collection cell");
    }

    private static List<Object> listOf(ArrayNode array) {
        List<Object> list = new ArrayList<>();
        for (JsonNode node : array) {
            if (isSimple(node)) {
                list.add(feelValue(node.get("value").textValue()));
            } else if (node.isObject()) {
                list.add(objectOf((ObjectNode) node));
            } else {
                throw new IllegalArgumentException("malformed collection item " + node);
            }
        }
        return list;
    }

    private static Map<String, Object> objectOf(ObjectNode object) {
        Map<String, Object> map = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode node = field.getValue();
            if (isSimple(node)) {
                map.put(field.getKey(), feelValue(node.get("value").textValue()));
            } else if (node.isArray()) {
                map.put(field.getKey(), listOf((ArrayNode) node));
            } else if (node.isObject()) {
                map.put(field.getKey(), objectOf((ObjectNode) node));
            } else if (node.textValue() != null && !node.textValue().isEmpty()) {
                map.put(field.getKey(), feelValue(node.textValue()));
            } // an empty text is skipped
        }
        return map;
    }

    /** An EXPECT cell against the actual value: a unary test; for a list value, the collection cell's semantics. */
    static boolean verify(String raw, Object actual) {
        if (!isListValue(actual)) {
            return unaryTest(raw, actual, false);
        }
        JsonNode json = json(raw);
        if (json.isTextual()) {
            return unaryTest(json.asText(), actual, false);
        }
        if (json.isArray()) {
            return verifyList((ArrayNode) json, (List<?>) actual);
        }
        if (json.isObject()) {
            return verifyObject((ObjectNode) json, actual);
        }
        throw new IllegalArgumentException("malformed collection cell");
    }

    /** The runner takes a value as a list when its class is List, ArrayList or LinkedList. */
    private static boolean isListValue(Object actual) {
        return actual != null && (actual.getClass() == ArrayList.class || actual.getClass() == java.util.LinkedList.class);
    }

    /** Every expected item matches some item of the actual list. */
    private static boolean verifyList(ArrayNode expected, List<?> actual) {
        if (actual == null) {
            return isEmpty(expected);
        }
        for (JsonNode node : expected) {
            boolean simple = isSimple(node);
            boolean found = false;
            for (Object item : actual) {
                if (simple ? unaryTest(node.get("value").textValue(), item, true)
                        : node.isObject() && verifyObject((ObjectNode) node, item)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static boolean verifyObject(ObjectNode expected, Object actual) {
        if (actual == null) {
            return isEmpty(expected);
        }
        if (!(actual instanceof Map<?, ?> map)) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode node = field.getValue();
            Object value = map.get(field.getKey());
            boolean ok;
            if (isSimple(node)) {
                ok = unaryTest(node.get("value").textValue(), value, true);
            } else if (node.isArray()) {
                ok = value == null || value instanceof List<?> ? verifyList((ArrayNode) node, (List<?>) value) : false;
            } else if (node.isObject()) {
                ok = verifyObject((ObjectNode) node, value);
            } else {
                ok = unaryTest(node.textValue(), value, true);
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSimple(JsonNode node) {
        return node.isObject() && node.size() == 1 && node.has("value");
    }

    private static boolean isEmpty(JsonNode node) {
        if (node.isArray() || node.isObject()) {
            for (JsonNode child : node) {
                if (!isEmpty(child)) {
                    return false;
                }
            }
            return true;
        }
        return node.textValue() == null || node.textValue().isEmpty();
    }

    private static JsonNode json(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed collection cell: " + e.getMessage());
        }
    }

    /** A FEEL engine with the runner's profile and the errors of its last use; one per thread, built once. */
    private static final class Feel {
        final List<FEELEvent> errors = new ArrayList<>();
        final FEEL feel = FEELBuilder.builder().withProfiles(List.of(new ExtendedDMNProfile())).build();

        Feel() {
            feel.addListener(event -> {
                if (event.getSeverity() == FEELEvent.Severity.ERROR) {
                    errors.add(event);
                }
            });
        }
    }

    private static final ThreadLocal<Feel> FEELS = ThreadLocal.withInitial(Feel::new);

    private static Feel feel() {
        Feel feel = FEELS.get();
        feel.errors.clear();
        return feel;
    }

    /** A FEEL expression's value; a FEEL error fails the cell, as in the runner. */
    static Object feelValue(String raw) {
        Feel feel = feel();
        Object value = feel.feel.evaluate(raw);
        if (!feel.errors.isEmpty()) {
            throw new IllegalArgumentException(feel.errors.get(0).getMessage());
        }
        return value;
    }

    /** A FEEL unary test ({@code ?} is the actual value); an empty cell passes where the runner skips it. */
    static boolean unaryTest(String raw, Object actual, boolean skipEmpty) {
        if (raw != null && skipEmpty && raw.isEmpty()) {
            return true;
        }
        Feel feel = feel();
        List<UnaryTest> tests = feel.feel.evaluateUnaryTests(raw, Collections.singletonMap("?", BuiltInType.UNKNOWN));
        if (!feel.errors.isEmpty()) {
            throw new IllegalArgumentException(feel.errors.get(0).getMessage());
        }
        List<FEELEvent> evaluationErrors = new ArrayList<>();
        EvaluationContext context = ((FEELImpl) feel.feel).newEvaluationContext(List.of(evaluationErrors::add),
                Collections.singletonMap("?", actual));
        boolean all = tests.stream().allMatch(test -> Boolean.TRUE.equals(test.apply(context, actual)));
        if (!evaluationErrors.isEmpty()) {
            throw new IllegalArgumentException(evaluationErrors.get(0).getMessage());
        }
        return all;
    }

    private static final CodeFunction CODE = CodeFunction.INSTANCE;

    /** A value as FEEL writes it ({@code "RED"}, {@code 0.15}, {@code [..]}, {@code null}). */
    static String feelText(Object value) {
        return CODE.invoke(value).getOrElse(String.valueOf(value));
    }
}
