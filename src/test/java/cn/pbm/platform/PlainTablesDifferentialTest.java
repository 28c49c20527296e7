package cn.pbm.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.api.core.ast.DecisionNode;
import org.kie.dmn.api.core.ast.InputDataNode;
import org.kie.dmn.model.api.DecisionRule;
import org.kie.dmn.model.api.DecisionTable;
import org.kie.dmn.model.api.InputClause;
import org.kie.dmn.model.api.UnaryTests;


/**
 * Issue 19: the compiled fast path ({@link PlainTables}) against the KIE engine, for every deployed DMN model the
 * fast path takes. Per model: every combination of the edge values of its columns (each literal of each input
 * entry and allowed-values list, exactly, ±0.01 and ±1, every text literal and one unknown text, true and false),
 * then {@code pbm-test.plain-tables.count} (200,000) random inputs around the same literals at scales 0 to 3, some
 * given as Long/Integer, some null or of another type. Each input is evaluated by the KIE runtime built as
 * {@link DecisionEngine} builds it (with the {@link TableExplainer} listener reporting matched rows) and by the fast
 * path. Where KIE reports an error, the fast path must have declined (the engine then asks KIE). Where the fast path
 * answers: the same decisions in the same order, the same values with the same scales (BigDecimal equality), maps
 * with their keys in the same order, and the same matched rows (rows, selected rows, annotations, input values).
 */
class PlainTablesDifferentialTest {

    private static final int COUNT = Integer.getInteger("pbm-test.plain-tables.count", 200_000);
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z_0-9.])-?[0-9]+(?:\\.[0-9]+)?");
    private static final Pattern TEXT = Pattern.compile("\"([^\"]*)\"");

    private static final Map<String, Model> MODELS = new TreeMap<>();

    private record Model(Ruleset ruleset, DMNRuntime runtime, DMNModel model, PlainTables plain) {
    }

    /** KIE logs every error and every unmatched table it reports; the test makes thousands on purpose. */
    private static final java.util.logging.Logger KIE_LOG = java.util.logging.Logger.getLogger("org.kie.dmn");

    @BeforeAll
    static void compileEveryDeployedModel() {
        KIE_LOG.setLevel(java.util.logging.Level.OFF);
        FastPathDifferential.deployedModels().forEach((path, m) -> MODELS.put(path,
                new Model(m.ruleset(), m.runtime(), m.model(), PlainTables.of(m.model(), m.ruleset()))));
    }

    @AfterAll
    static void logAgain() {
        KIE_LOG.setLevel(null);
    }

    @Test
    void theEligibleModelsAreThePlainOnes() {
        Set<String> eligible = new LinkedHashSet<>();
        MODELS.forEach((path, m) -> {
            if (m.plain() != null) {
                eligible.add(path);
            }
        });
        System.out.println("PlainTables: eligible " + eligible + "; falls back to KIE: "
                + MODELS.keySet().stream().filter(p -> !eligible.contains(p)).toList());
        // the plain tables of the service, and none of the models with literal expressions, BKMs or FEEL inputs
        for (String path : List.of("dmn/grading/evaluation-grade.dmn", "dmn/grading/ex-ante-assessment.dmn",
                "dmn/coverage/coverage-measures.dmn", "dmn/rectification/rectification-periods.dmn",
                "dmn/rectification/status-and-consequences.dmn", "dmn/disclosure/deadline-status.dmn",
                "dmn/self-evaluation/standard-weights.dmn", "dmn/budget/department-public-funds.dmn")) {
            assertTrue(eligible.contains(path), path + " should be compiled");
        }
        for (String path : List.of("dmn/warning/monitoring-lights.2.2.0.dmn", "dmn/warning/monitoring-lights.dmn",
                "dmn/budget/project-budget-adjustment.dmn", "dmn/targetreview/target-review.dmn",
                "dmn/self-evaluation/execution-score.dmn", "dmn/budget/project-library-admission.dmn")) {
            assertTrue(!eligible.contains(path), path + " must stay with KIE");
        }
    }

    @Test
    void theFastPathAnswersAsKieDoesForEveryEdgeAndRandomInputs() {
        StringBuilder report = new StringBuilder();
        for (Map.Entry<String, Model> entry : MODELS.entrySet()) {
            Model m = entry.getValue();
            if (m.plain() == null) {
                continue;
            }
            Map<String, Domain> domains = domains(m.model());
            int[] counts = new int[3]; // fast path answered, declined, of which KIE had an error
            // every combination of the edge values (at most 100,000)
            List<String> names = new ArrayList<>(domains.keySet());
            int combinations = 1;
            for (String name : names) {
                combinations = (int) Math.min(100_000L, (long) combinations * domains.get(name).edges.size());
            }
            for (int i = 0; i < combinations; i++) {
                Map<String, Object> inputs = new HashMap<>();
                int rest = i;
                for (String name : names) {
                    List<Object> edges = domains.get(name).edges;
                    inputs.put(name, edges.get(rest % edges.size()));
                    rest /= edges.size();
                }
                compare(entry.getKey(), m, inputs, counts);
            }
            Random random = new Random(20261202L ^ entry.getKey().hashCode());
            for (int i = 0; i < COUNT; i++) {
                Map<String, Object> inputs = new HashMap<>();
                for (String name : names) {
                    inputs.put(name, domains.get(name).random(random));
                }
                if (random.nextInt(200) == 0) {
                    inputs.remove(names.get(random.nextInt(names.size()))); // a missing input: KIE decides
                }
                compare(entry.getKey(), m, inputs, counts);
            }
            report.append(String.format("%n  %s: %d edge combinations + %d random; fast path %d, KIE %d (of which %d"
                    + " KIE errors)", entry.getKey(), combinations, COUNT, counts[0], counts[1], counts[2]));
            assertTrue(counts[0] > (combinations + COUNT) / 4, entry.getKey() + ": the fast path answered too rarely");
        }
        System.out.println("PlainTables differential:" + report);
    }

    private static void compare(String path, Model m, Map<String, Object> inputs, int[] counts) {
        FastPathDifferential.compare(path, m.runtime(), m.model(), m.plain(), inputs, counts);
    }

    /** The values one input takes: its edges, and random values around them. */
    private static final class Domain {
        final Set<BigDecimal> numbers = new java.util.TreeSet<>();
        final Set<String> texts = new LinkedHashSet<>();
        boolean booleans;
        final List<Object> edges = new ArrayList<>();

        void read(String text) {
            Matcher t = TEXT.matcher(text);
            while (t.find()) {
                texts.add(t.group(1));
            }
            String rest = TEXT.matcher(text).replaceAll("");
            Matcher n = NUMBER.matcher(rest);
            while (n.find()) {
                numbers.add(new BigDecimal(n.group()));
            }
            if (rest.contains("true") || rest.contains("false")) {
                booleans = true;
            }
        }

        void close() {
            for (BigDecimal e : numbers) {
                for (String d : List.of("-1", "-0.01", "0", "0.01", "1")) {
                    edges.add(e.add(new BigDecimal(d)));
                }
                edges.add(e.setScale(Math.max(e.scale(), 0) + 2)); // the edge written with more decimals
            }
            edges.addAll(texts);
            if (!texts.isEmpty()) {
                edges.add("UNKNOWN_CODE");
            }
            if (booleans) {
                edges.add(Boolean.TRUE);
                edges.add(Boolean.FALSE);
            }
            edges.add(null);
        }

        Object random(Random random) {
            int kind = random.nextInt(100);
            if (kind == 0) {
                return null;
            }
            if (kind == 1) {
                return "x"; // another type
            }
            if (kind == 2) {
                return BigDecimal.ONE;
            }
            if (!numbers.isEmpty()) {
                // mostly across the bands, sometimes well outside them
                BigDecimal margin = BigDecimal.valueOf(kind < 90 ? 1 : 20);
                BigDecimal low = ((java.util.TreeSet<BigDecimal>) numbers).first().subtract(margin);
                BigDecimal high = ((java.util.TreeSet<BigDecimal>) numbers).last().add(margin);
                if (kind < 30) { // an edge, exactly or 0.01 either side, at a random scale
                    BigDecimal e = new ArrayList<>(numbers).get(random.nextInt(numbers.size()))
                            .add(BigDecimal.valueOf(random.nextInt(3) - 1, 2));
                    return e.setScale(Math.max(e.scale(), random.nextInt(4)));
                }
                int scale = random.nextInt(4);
                BigDecimal span = high.subtract(low).movePointRight(scale);
                BigDecimal value = low.add(new BigDecimal(
                        new java.math.BigInteger(span.toBigInteger().bitLength() + 1, random)).movePointLeft(scale));
                if (value.compareTo(high) > 0) {
                    value = high;
                }
                if (kind < 40) { // a whole number given as a Long or an Integer, as a caller may
                    return kind % 2 == 0 ? (Object) value.longValue() : (Object) value.intValue();
                }
                return value;
            }
            if (!texts.isEmpty()) {
                List<String> all = new ArrayList<>(texts);
                return kind < 5 ? "UNKNOWN_CODE" : all.get(random.nextInt(all.size()));
            }
            if (booleans) {
                return random.nextBoolean();
            }
            return random.nextInt(3) == 0 ? null : "x";
        }
    }

    /** For each input of the model, the literals its table columns and allowed values mention. */
    private static Map<String, Domain> domains(DMNModel model) {
        Map<String, Domain> domains = new TreeMap<>();
        for (InputDataNode input : model.getInputs()) {
            domains.put(input.getName(), new Domain());
        }
        for (DecisionNode node : model.getDecisions()) {
            if (!(node.getDecision().getExpression() instanceof DecisionTable table)) {
                continue;
            }
            for (int c = 0; c < table.getInput().size(); c++) {
                InputClause input = table.getInput().get(c);
                Domain domain = domains.get(input.getInputExpression().getText().strip());
                if (domain == null) {
                    continue; // reads a decision
                }
                UnaryTests allowed = input.getInputValues();
                if (allowed != null) {
                    domain.read(allowed.getText());
                }
                for (DecisionRule rule : table.getRule()) {
                    domain.read(rule.getInputEntry().get(c).getText());
                }
            }
        }
        domains.values().forEach(Domain::close);
        assertNotNull(domains);
        return domains;
    }

    @Test
    void aValueOfAnotherKindOrNoMatchGoesToKie() {
        Model grading = MODELS.get("dmn/grading/evaluation-grade.dmn");
        assertNull(grading.plain().evaluate(Map.of("score", "90"), null), "a text where the table compares numbers");
        assertNull(grading.plain().evaluate(new HashMap<>(java.util.Collections.singletonMap("score", null)), null));
        assertNull(grading.plain().evaluate(Map.of("score", new BigDecimal("100.01")), null), "outside [0..100]");
        assertNull(grading.plain().evaluate(Map.of("score", 0.5d), null), "a double is never compared here");
        assertNull(grading.plain().evaluate(Map.of(), null), "a missing input");
        assertEquals(Map.of("grade", "EXCELLENT", "gradeLabel", "优"),
                grading.plain().evaluate(Map.of("score", new BigDecimal("90.00")), null).get("evaluationGrade"));
        assertEquals(Map.of("grade", "GOOD", "gradeLabel", "良"),
                grading.plain().evaluate(Map.of("score", new BigDecimal("89.99")), null).get("evaluationGrade"));
    }
}
