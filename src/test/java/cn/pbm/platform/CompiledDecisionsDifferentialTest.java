package cn.pbm.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNRuntime;

import cn.pbm.budget.ProjectRules;
import cn.pbm.targetreview.TargetReviewTables;

/**
 * Issue 19: the compiled decisions ({@link CompiledDecisions}: literal expressions, tables with expression inputs,
 * table BKMs) against the KIE interpreter, for the monitoring-light models it compiles. Every band edge and ±0.01
 * (execution lag 10 and 20 points, target shortfall 10 % and 20 % in both directions), the leap-year days (1 Mar and
 * 31 Dec of 1900, 2000, 2100, 2024, and more), 0, 1, 2 and 5 targets, nothing executed and more than the budget,
 * then {@code pbm-test.compiled.count} (200,000) random inputs, some of them not plain (nulls, a zero target or
 * budget, an unknown direction, integers, a missing input). Each is evaluated by the KIE runtime built as
 * {@link DecisionEngine} builds it (with the {@link TableExplainer} listener) and by the compiled model. Where KIE
 * reports an error the compiled model must have declined; where it answers: the same decisions in the same order,
 * the same values with the same scales and classes, maps with their keys in the same order, and the same matched
 * rows (one per BKM invocation included, in KIE's order, with KIE's input values).
 */
class CompiledDecisionsDifferentialTest {

    private static final int COUNT = Integer.getInteger("pbm-test.compiled.count", 200_000);
    private static final String IN_FORCE = "dmn/warning/monitoring-lights.2.2.1.dmn";
    private static final java.util.logging.Logger KIE_LOG = java.util.logging.Logger.getLogger("org.kie.dmn");

    private record Model(Ruleset ruleset, DMNRuntime runtime, DMNModel model, CompiledDecisions compiled) {
    }

    private static final Map<String, Model> MODELS = new TreeMap<>();
    private static final Map<String, String> REFUSED = new TreeMap<>();

    @BeforeAll
    static void compileEveryDeployedModel() {
        KIE_LOG.setLevel(java.util.logging.Level.OFF);
        FastPathDifferential.deployedModels().forEach((path, m) -> {
            if (PlainTables.of(m.model(), m.ruleset()) != null) {
                return; // PlainTablesDifferentialTest proves those
            }
            CompiledDecisions compiled = CompiledDecisions.of(m.model(), m.ruleset());
            if (compiled == null) {
                REFUSED.put(path, CompiledDecisions.refusal(m.model(), m.ruleset()));
            } else {
                MODELS.put(path, new Model(m.ruleset(), m.runtime(), m.model(), compiled));
            }
        });
    }

    @AfterAll
    static void logAgain() {
        KIE_LOG.setLevel(null);
    }

    /** The models the compiler takes: a change that sends one of them back to KIE (or takes a new one) fails here. */
    private static final List<String> COMPILED = List.of(
            "dmn/budget/project-budget-adjustment.dmn",
            "dmn/budget/project-library-admission.140423.dmn",
            "dmn/budget/project-library-admission.dmn",
            "dmn/disclosure/disclosure-kinds-2015.dmn",
            "dmn/disclosure/disclosure-kinds.dmn",
            "dmn/self-evaluation/execution-score.dmn",
            "dmn/self-evaluation/qualitative-indicator.dmn",
            "dmn/self-evaluation/quantitative-indicator.dmn",
            "dmn/self-evaluation/reported-score.dmn",
            "dmn/targetreview/target-review.dmn",
            "dmn/warning/monitoring-lights.2.1.0.dmn",
            "dmn/warning/monitoring-lights.2.2.1.dmn",
            "dmn/warning/monitoring-lights.dmn");

    @Test
    void theCompiledModelsAreTheseOnes() {
        assertEquals(COMPILED, List.copyOf(MODELS.keySet()), "compiled; left to KIE: " + REFUSED);
        for (Model m : MODELS.values()) {
            assertTrue(FastPath.of(m.model(), m.ruleset()) instanceof CompiledDecisions, m.ruleset().id());
        }
    }

    /** Random inputs per compiled model (in force; a version kept only for replay gets a quarter). */
    private static final int TYPED_COUNT = Integer.getInteger("pbm-test.compiled.typed-count", 20_000);

    /**
     * Every compiled model, whatever its inputs, against KIE on inputs made from its own input types and literals
     * ({@link TypeDrivenInputs}): the product of the edge values (sampled to 6,000) and {@code TYPED_COUNT} random
     * inputs. The compiled model must answer a good share of them (not decline everything).
     */
    @Test
    void everyCompiledModelAnswersTypedInputsAsKieDoes() {
        Set<String> inForce = new java.util.HashSet<>();
        for (Ruleset ruleset : new RulesetCatalog().all()) {
            if (ruleset.effectiveTo() == null) {
                ruleset.files().forEach(f -> inForce.add(f.path()));
            }
        }
        StringBuilder report = new StringBuilder();
        assertTrue(!MODELS.isEmpty());
        for (Map.Entry<String, Model> entry : MODELS.entrySet()) {
            String path = entry.getKey();
            Model m = entry.getValue();
            byte[] xml = m.ruleset().files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow()
                    .content();
            TypeDrivenInputs typed = new TypeDrivenInputs(m.model(), xml);
            Random random = new Random(20261202L ^ path.hashCode() ^ 0x7E5L);
            int[] edgeCounts = new int[3];
            List<Map<String, Object>> edges = typed.edges(random, 6_000);
            for (Map<String, Object> inputs : edges) {
                compare(path, m, inputs, edgeCounts);
            }
            int count = inForce.contains(path) ? TYPED_COUNT : TYPED_COUNT / 4;
            int[] counts = new int[3];
            for (int i = 0; i < count; i++) {
                compare(path, m, typed.random(random), counts);
            }
            report.append(String.format("%n  %s%s: %d edges (compiled %d, KIE %d of which %d KIE errors), %d random"
                    + " (compiled %d, KIE %d of which %d KIE errors)", path, inForce.contains(path) ? "" : " (replay)",
                    edges.size(), edgeCounts[0], edgeCounts[1], edgeCounts[2], count, counts[0], counts[1], counts[2]));
            assertEquals(edges.size(), edgeCounts[0] + edgeCounts[1]);
            assertEquals(count, counts[0] + counts[1]);
            assertTrue(count >= Math.min(TYPED_COUNT, 20_000) / (inForce.contains(path) ? 1 : 4), path);
            assertTrue(edgeCounts[0] > 0, path + ": no edge answered compiled");
            assertTrue(counts[0] >= count / 4, path + ": compiled answered too rarely: " + report);
        }
        System.out.println("CompiledDecisions typed differential:" + report);
    }

    @Test
    void theMonitoringModelInForceIsCompiled() {
        System.out.println("CompiledDecisions: compiled " + MODELS.keySet() + "; left to KIE " + REFUSED);
        assertTrue(MODELS.containsKey("dmn/warning/monitoring-lights.2.2.1.dmn"), "the model in force");
        // date(y, m, d): a function outside the subset (2.2.0 is kept only for replay)
        assertTrue(REFUSED.containsKey("dmn/warning/monitoring-lights.2.2.0.dmn"), "2.2.0 stays with KIE");
        // list contains(...): in the subset since the budget-adjustment model needed it (2.0.0 is kept for replay)
        assertTrue(MODELS.containsKey("dmn/warning/monitoring-lights.dmn"), "2.0.0 is compiled");
        // the engine takes the compiled form only when plain tables are on (pbm.engine.plain-tables)
        Model m = MODELS.get("dmn/warning/monitoring-lights.2.2.1.dmn");
        assertTrue(FastPath.of(m.model(), m.ruleset()) instanceof CompiledDecisions);
    }

    @Test
    void everyEdgeAndRandomInputsAnswerAsKieDoes() {
        StringBuilder report = new StringBuilder();
        for (Map.Entry<String, Model> entry : MODELS.entrySet()) {
            Model m = entry.getValue();
            boolean ratios = m.model().getInputByName("timeProgress") != null;
            boolean qualitative = m.model().getInputByName("achievement") != null;
            if (!qualitative && (m.model().getInputByName("targets") == null
                    || m.model().getInputByName("unitSelfCheck") != null)) { // target review: typed inputs only
                continue; // no hand-written edges: everyCompiledModelAnswersTypedInputsAsKieDoes proves it
            }
            int[] counts = new int[3];
            List<Map<String, Object>> edges = qualitative ? qualitativeEdges() : ratios ? ratioEdges() : edges();
            for (Map<String, Object> inputs : edges) {
                compare(entry.getKey(), m, inputs, counts);
            }
            // the ratio edges of the 2.2 model with every target set too (the edge list above takes them in turn)
            if (!ratios && !qualitative) {
                for (List<Map<String, Object>> targets : targetSets()) {
                    Map<String, Object> inputs = inputs(LocalDate.of(2024, 12, 31), new BigDecimal("85000.00"),
                            new BigDecimal("100000.00"), targets);
                    compare(entry.getKey(), m, inputs, counts);
                    edges.add(inputs);
                }
            }
            int edgeAnswers = counts[0];
            Random random = new Random(20261202L ^ entry.getKey().hashCode());
            // the model in force gets the full count; the replay-only version and the self-evaluation model a quarter
            int count = entry.getKey().equals(IN_FORCE) ? COUNT : COUNT / 4;
            for (int i = 0; i < count; i++) {
                compare(entry.getKey(), m, qualitative ? qualitative(random) : random(random, ratios), counts);
            }
            report.append(String.format("%n  %s: %d edge inputs (%d answered compiled) + %d random; compiled %d, KIE %d"
                    + " (of which %d KIE errors)", entry.getKey(), edges.size(), edgeAnswers, count, counts[0],
                    counts[1], counts[2]));
            // some edges are not plain on purpose (a zero weight, a negative share, an unknown code)
            assertTrue(edgeAnswers > edges.size() / 3, entry.getKey() + ": the edges go to KIE too often");
            assertTrue(counts[0] > (edges.size() + count) / 2, entry.getKey() + ": compiled answered too rarely: " + report);
        }
        System.out.println("CompiledDecisions differential:" + report);
    }

    /** The band edges, leap-year days, target counts and execution extremes of the 2.2 models (asOf, amounts). */
    private static List<Map<String, Object>> edges() {
        List<Map<String, Object>> all = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        for (int year : new int[] {1900, 2000, 2100, 2024, 2025, 2026}) {
            days.add(LocalDate.of(year, 1, 1));
            days.add(LocalDate.of(year, 2, 28));
            if (LocalDate.of(year, 1, 1).isLeapYear()) {
                days.add(LocalDate.of(year, 2, 29));
            }
            days.add(LocalDate.of(year, 3, 1));
            days.add(LocalDate.of(year, 3, 14)); // day 73 (74 in a leap year): 0.2 exactly in a common year
            days.add(LocalDate.of(year, 6, 30));
            days.add(LocalDate.of(year, 12, 30));
            days.add(LocalDate.of(year, 12, 31));
        }
        BigDecimal budget = new BigDecimal("100000.00");
        List<List<Map<String, Object>>> targetSets = targetSets();
        int next = 0;
        for (LocalDate day : days) {
            BigDecimal time = BigDecimal.valueOf(day.getDayOfYear()).divide(BigDecimal.valueOf(day.lengthOfYear()),
                    MathContext.DECIMAL128);
            List<BigDecimal> executed = new ArrayList<>(List.of(BigDecimal.ZERO, new BigDecimal("0.00"), budget,
                    budget.add(new BigDecimal("0.01")), new BigDecimal("250000.00")));
            for (String lag : List.of("10", "20")) {
                for (String delta : List.of("-0.01", "0", "0.01")) {
                    BigDecimal points = new BigDecimal(lag).add(new BigDecimal(delta));
                    // executed so that (time - executed / budget) × 100 is the edge, to the cent, and a cent either side
                    BigDecimal exact = budget.multiply(time.subtract(points.movePointLeft(2)));
                    if (exact.signum() < 0) {
                        continue;
                    }
                    for (String cent : List.of("-0.01", "0", "0.01")) {
                        executed.add(exact.setScale(2, RoundingMode.HALF_UP).add(new BigDecimal(cent)));
                    }
                }
            }
            for (BigDecimal e : executed) {
                if (e.signum() < 0) {
                    continue;
                }
                // the target sets in turn (each is used several times over the days), with the plain ones first
                all.add(inputs(day, e, budget, targetSets.get(0)));
                all.add(inputs(day, e, budget, targetSets.get(2)));
                for (int r = 0; r < 3; r++) {
                    all.add(inputs(day, e, budget, targetSets.get(next++ % targetSets.size())));
                }
            }
        }
        // exact edges: 2026-03-14 is 0.2 of its year, so these lags are exactly 10 and 20 points, and ±0.01
        LocalDate fifth = LocalDate.of(2026, 3, 14);
        for (String rate : List.of("0.1", "0.0999", "0.1001", "0", "0.0001", "-0.0001", "0.2", "1.5")) {
            BigDecimal e = new BigDecimal(rate).multiply(budget);
            all.add(inputs(fifth, e, budget, targetSets.get(2)));
        }
        return all;
    }

    /** The edges of the 2.1 model (ratios given): lags around 10 and 20 at several scales. */
    private static List<Map<String, Object>> ratioEdges() {
        List<Map<String, Object>> all = new ArrayList<>();
        List<List<Map<String, Object>>> sets = targetSets();
        int next = 0;
        for (String time : List.of("0.2", "0.5", "1", "0.0027397260273972602739726027397260", "0")) {
            for (String lag : List.of("10", "20", "0", "-5", "35")) {
                for (String delta : List.of("-0.01", "0", "0.01", "-0.0001")) {
                    BigDecimal rate = new BigDecimal(time).subtract(new BigDecimal(lag).add(new BigDecimal(delta)).movePointLeft(2));
                    for (int r = 0; r < 8; r++) { // the target sets in turn
                        Map<String, Object> inputs = new HashMap<>();
                        inputs.put("timeProgress", new BigDecimal(time));
                        inputs.put("executionRate", rate);
                        inputs.put("targets", sets.get(next++ % sets.size()));
                        all.add(inputs);
                    }
                }
            }
        }
        return all;
    }

    private static final List<String> ACHIEVEMENTS = List.of("ACHIEVED", "PARTIAL", "NOT_ACHIEVED", "UNKNOWN");

    /** self-evaluation/qualitative-indicator: the score at every band edge of its share of the weight, ±0.01. */
    private static List<Map<String, Object>> qualitativeEdges() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (String weight : List.of("5", "10", "20", "7.5", "0", "-1")) {
            for (String share : List.of("0", "0.6", "0.8", "1", "1.2", "-0.1")) {
                for (String delta : List.of("-0.01", "0", "0.01")) {
                    BigDecimal score = new BigDecimal(weight).multiply(new BigDecimal(share)).add(new BigDecimal(delta));
                    for (String achievement : ACHIEVEMENTS) {
                        all.add(qualitative(achievement, new BigDecimal(weight), score));
                        all.add(qualitative(achievement, new BigDecimal(weight).setScale(2), score.setScale(3)));
                    }
                }
            }
        }
        return all;
    }

    private static Map<String, Object> qualitative(Random random) {
        BigDecimal weight = BigDecimal.valueOf(1 + random.nextInt(3000), random.nextInt(3));
        BigDecimal score = weight.multiply(BigDecimal.valueOf(random.nextInt(1400) - 100, 3))
                .setScale(random.nextInt(4), RoundingMode.HALF_UP);
        Map<String, Object> inputs = qualitative(ACHIEVEMENTS.get(random.nextInt(20) == 0 ? 3 : random.nextInt(3)),
                weight, score);
        switch (random.nextInt(100)) {
            case 0 -> inputs.put("weight", BigDecimal.ZERO);
            case 1 -> inputs.put("assessedScore", null);
            case 2 -> inputs.put("achievement", null);
            case 3 -> inputs.put("weight", 10L);
            case 4 -> inputs.remove("achievement");
            default -> {
            }
        }
        return inputs;
    }

    private static Map<String, Object> qualitative(String achievement, BigDecimal weight, BigDecimal score) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("achievement", achievement);
        inputs.put("weight", weight);
        inputs.put("assessedScore", score);
        return inputs;
    }

    /** 0, 1, 2 and 5 targets, with every shortfall edge (10 % and 20 %, ±0.01) in both directions. */
    private static List<List<Map<String, Object>>> targetSets() {
        List<Map<String, Object>> singles = new ArrayList<>();
        for (String direction : List.of("AT_LEAST", "AT_MOST")) {
            for (String expected : List.of("100", "100.00", "37.5", "1234567.89")) {
                BigDecimal e = new BigDecimal(expected);
                for (String shortfall : List.of("10", "20", "0", "-5", "100")) {
                    for (String delta : List.of("-0.01", "0", "0.01")) {
                        BigDecimal s = new BigDecimal(shortfall).add(new BigDecimal(delta)).movePointLeft(2);
                        BigDecimal actual = direction.equals("AT_LEAST") ? e.subtract(e.multiply(s)) : e.add(e.multiply(s));
                        singles.add(target(direction, e, actual));
                        singles.add(target(direction, e, actual.setScale(2, RoundingMode.HALF_UP)));
                    }
                }
            }
        }
        List<List<Map<String, Object>>> sets = new ArrayList<>();
        sets.add(List.of());
        sets.add(List.of(target("AT_LEAST", new BigDecimal("100"), new BigDecimal("95"))));
        sets.add(List.of(target("AT_LEAST", new BigDecimal("100"), new BigDecimal("90")),
                target("AT_MOST", new BigDecimal("100"), new BigDecimal("120"))));
        for (int i = 0; i < singles.size(); i++) {
            sets.add(List.of(singles.get(i)));
        }
        for (int i = 0; i + 4 < singles.size(); i += 5) {
            sets.add(List.of(singles.get(i), singles.get(i + 1)));
            sets.add(singles.subList(i, i + 5));
        }
        return sets;
    }

    private static Map<String, Object> target(String direction, BigDecimal expected, BigDecimal actual) {
        Map<String, Object> t = new HashMap<>();
        t.put("direction", direction);
        t.put("expected", expected);
        t.put("actual", actual);
        return t;
    }

    private static Map<String, Object> inputs(LocalDate asOf, BigDecimal executed, BigDecimal budget,
            List<Map<String, Object>> targets) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("asOf", asOf);
        inputs.put("executed", executed);
        inputs.put("budget", budget);
        inputs.put("targets", targets);
        return inputs;
    }

    private static Map<String, Object> random(Random random, boolean ratios) {
        Map<String, Object> inputs = new HashMap<>();
        if (ratios) {
            inputs.put("timeProgress", new BigDecimal(random.nextInt(10_001)).movePointLeft(4));
            inputs.put("executionRate", new BigDecimal(random.nextInt(15_001)).movePointLeft(4 - random.nextInt(2)));
        } else {
            LocalDate asOf = LocalDate.of(1899 + random.nextInt(230), 1, 1).plusDays(random.nextInt(366));
            BigDecimal budget = amount(random);
            BigDecimal executed = switch (random.nextInt(10)) {
                case 0 -> BigDecimal.ZERO;
                case 1 -> budget.add(amount(random)); // more than the budget
                default -> budget.multiply(BigDecimal.valueOf(random.nextInt(10_001), 4)).setScale(random.nextInt(3),
                        RoundingMode.HALF_UP);
            };
            inputs.put("asOf", asOf);
            inputs.put("executed", executed);
            inputs.put("budget", budget);
        }
        int n = switch (random.nextInt(10)) {
            case 0 -> 0;
            case 1, 2, 3 -> 1;
            case 9 -> 5;
            default -> 2;
        };
        List<Map<String, Object>> targets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BigDecimal expected = amount(random);
            // mostly around the bands: a shortfall of -30 % to 40 %, at 0 to 4 decimals
            BigDecimal share = BigDecimal.valueOf(random.nextInt(7001) - 3000, 4);
            BigDecimal actual = expected.subtract(expected.multiply(share)).setScale(random.nextInt(5), RoundingMode.HALF_UP);
            String direction = random.nextBoolean() ? "AT_LEAST" : "AT_MOST";
            if (direction.equals("AT_MOST")) {
                actual = expected.add(expected.multiply(share)).setScale(random.nextInt(5), RoundingMode.HALF_UP);
            }
            targets.add(target(direction, expected, actual));
        }
        inputs.put("targets", targets);
        // one call in about forty is not plain, in one way or another: KIE decides, the compiled model declines
        switch (random.nextInt(160)) {
            case 0 -> inputs.put(ratios ? "executionRate" : "budget", BigDecimal.ZERO.setScale(random.nextInt(3)));
            case 1 -> inputs.put(ratios ? "timeProgress" : "executed", null);
            case 2 -> inputs.remove("targets");
            case 3 -> inputs.put(ratios ? "timeProgress" : "asOf", "2026-01-01");
            case 4 -> inputs.put(ratios ? "executionRate" : "budget", 100_000L);
            default -> {
            }
        }
        if (!targets.isEmpty()) {
            Map<String, Object> t = targets.get(random.nextInt(targets.size()));
            switch (random.nextInt(160)) {
                case 0 -> t.put("expected", BigDecimal.ZERO);
                case 1 -> t.put("actual", null);
                case 2 -> t.put("direction", "SIDEWAYS");
                case 3 -> t.put("expected", 100);
                case 4 -> t.remove("direction");
                case 5 -> t.put("actual", "12");
                default -> {
                }
            }
        }
        return inputs;
    }

    /** An amount in yuan: 0.01 to about ten million, at 0 to 2 decimals. */
    private static BigDecimal amount(Random random) {
        long cents = 1 + (long) (Math.pow(10, 1 + random.nextDouble() * 8));
        return BigDecimal.valueOf(cents, 2).setScale(random.nextInt(3), RoundingMode.HALF_UP).max(new BigDecimal("0.01"));
    }

    private static void compare(String path, Model m, Map<String, Object> inputs, int[] counts) {
        FastPathDifferential.compare(path, m.runtime(), m.model(), m.compiled(), inputs, counts);
    }

    /**
     * The calls the families make of the newly compiled models are answered compiled (not declined), null inputs
     * included where the model tests them with {@code = null}; a null read any other way goes to KIE.
     */
    @Test
    void theFamiliesCallsOfTheNewModelsAreAnsweredCompiled() {
        Map<String, Object> execution = new HashMap<>(Map.of("annualBudget", new BigDecimal("1000000.00"),
                "executed", new BigDecimal("850000.00"), "executionWeight", BigDecimal.TEN));
        Map<String, Object> answer = answered("dmn/self-evaluation/execution-score.dmn", execution);
        assertEquals(new BigDecimal("0.85"), answer.get("executionRate"));
        assertEquals(Map.of("score", new BigDecimal("8.50"), "reasonRequired", true), answer.get("executionAssessment"));

        Map<String, Object> quantitative = new HashMap<>(Map.of("direction", "AT_MOST", "weight", new BigDecimal("20"),
                "target", new BigDecimal("50"), "actual", new BigDecimal("60")));
        answer = answered("dmn/self-evaluation/quantitative-indicator.dmn", quantitative);
        assertEquals(Map.of("score", new BigDecimal("16.0"), "met", false), answer.get("indicatorAssessment"));

        answer = answered("dmn/self-evaluation/reported-score.dmn",
                Map.of("reportedTotalScore", new BigDecimal("89.99"), "computedTotalScore", new BigDecimal("90.00")));
        assertEquals(new BigDecimal("0.01"), answer.get("scoreDifference"));
        assertEquals(true, answer.get("scoreConsistent"));

        Map<String, Object> admission = new HashMap<>();
        admission.put("newProject", true);
        admission.put("amount", new BigDecimal("6000000"));
        admission.put("exAnteReportSubmitted", false);
        admission.put("exAnteConclusion", null); // no report
        admission.put("targetReview", null); // not sent
        answer = answered("dmn/budget/project-library-admission.dmn", admission);
        assertEquals("EX_ANTE_REPORT_REQUIRED", ((Map<?, ?>) answer.get("targetReviewGate")).get("decision"));
        assertNull(((Map<?, ?>) answer.get("targetReviewGate")).get("reason"));
        Map<String, Object> conclusionRead = new HashMap<>(admission);
        conclusionRead.put("exAnteReportSubmitted", true); // now the null conclusion is read: KIE decides
        assertNull(MODELS.get("dmn/budget/project-library-admission.dmn").compiled().evaluate(conclusionRead, null));

        Map<String, Object> disclosure = new HashMap<>();
        disclosure.put("kind", "SELF_EVALUATION_PUBLICATION");
        disclosure.put("triggerDate", LocalDate.of(2021, 1, 1));
        disclosure.put("draftSubmittedOn", null);
        answer = answered("dmn/disclosure/disclosure-kinds.dmn", disclosure);
        assertEquals(LocalDate.of(2021, 1, 1), ((Map<?, ?>) answer.get("disclosureKind")).get("appliesFrom"));
        assertEquals(true, answer.get("disclosureRequired"));
        disclosure.put("triggerDate", LocalDate.of(2020, 12, 31));
        assertEquals(false, answered("dmn/disclosure/disclosure-kinds.dmn", disclosure).get("disclosureRequired"));
    }

    /**
     * The budget family's calls of the budget-adjustment model (ProjectRules.inputs: the budget, booleans, the
     * target dimensions sorted, the grade, rectification and target review usually null) are answered compiled:
     * the projects of the benchmark's request, a new project (no last year: null self-evaluation, grade and
     * rectification), every target-review verdict and none, every grade, a missing dimension, no targets. A null
     * the model reads otherwise than by "= null" or a column's "-" goes to KIE, which answers it.
     */
    @Test
    void theBudgetFamilysCallsAreAnsweredCompiled() {
        String path = "dmn/budget/project-budget-adjustment.dmn";
        List<String> all = List.of("EFFECT", "QUALITY", "QUANTITY", "TIMELINESS");
        Map<String, Object> fair = budgetCall(new BigDecimal("1234567.89"), true, all, false, true, "FAIR", true, null);
        Map<String, Object> answer = answered(path, fair);
        Map<?, ?> amounts = (Map<?, ?>) answer.get("budgetAmounts");
        assertEquals(new BigDecimal("123456.79"), amounts.get("cuts"));
        assertEquals(new BigDecimal("1111111.10"), amounts.get("recommendedBudget"));
        assertEquals(BigDecimal.ZERO, amounts.get("withheld"));
        assertEquals(List.of(), answer.get("eligibilityReasons"));

        Map<String, Object> poor = budgetCall(new BigDecimal("50000"), true, all, false, true, "POOR", false, null);
        answer = answered(path, poor);
        assertEquals(true, answer.get("withholding"));
        assertEquals(List.of("CUT_10_PERCENT", "NO_SAME_CONTENT_BUDGET", "SUSPEND_AND_NO_NEW_REQUESTS"),
                ((List<?>) answer.get("projectActions")).stream().map(a -> ((Map<?, ?>) a).get("action")).toList());
        amounts = (Map<?, ?>) answer.get("budgetAmounts");
        assertEquals(new BigDecimal("5000.00"), amounts.get("cuts"));
        assertEquals(new BigDecimal("45000.00"), amounts.get("withheld"));
        assertEquals(new BigDecimal("0.00"), amounts.get("recommendedBudget"));

        Map<String, Object> incomplete = budgetCall(new BigDecimal("80000.5"), true,
                List.of("EFFECT", "QUALITY", "QUANTITY"), false, true, "EXCELLENT", true, null);
        answer = answered(path, incomplete);
        assertEquals(List.of("TIMELINESS"),
                ((List<?>) answer.get("missingTargetDimensions")).stream().map(d -> ((Map<?, ?>) d).get("code")).toList());
        assertEquals(false, ((Map<?, ?>) answer.get("eligibility")).get("budgetArranged"));

        // a new project: no self-evaluation, grade or rectification (nulls read by "= null", a column's "-" and an
        // if that does not reach them)
        Map<String, Object> fresh = budgetCall(new BigDecimal("10"), true, all, true, null, null, null, null);
        answer = answered(path, fresh);
        assertEquals(true, ((Map<?, ?>) answer.get("eligibility")).get("budgetArranged"));
        assertEquals(List.of(), answer.get("projectActions"));
        for (String review : List.of("PASSED", "RETURN_FOR_REVISION", "PENDING", "NOT_REVIEWED")) {
            Map<String, Object> reviewed = new HashMap<>(fresh);
            reviewed.put("targetReview", review);
            answer = answered(path, reviewed);
            assertEquals(review.equals("PASSED"), ((Map<?, ?>) answer.get("eligibility")).get("budgetArranged"));
        }
        for (String grade : List.of("EXCELLENT", "GOOD", "FAIR", "POOR")) {
            for (boolean rectified : List.of(true, false)) {
                for (boolean below : List.of(true, false)) {
                    answered(path, budgetCall(new BigDecimal("99999999.99"), true, all, false, true, grade, rectified,
                            null)).size();
                    Map<String, Object> keyEvaluation = budgetCall(new BigDecimal("0.01"), true, all, false, false, grade,
                            rectified, "PASSED");
                    keyEvaluation.put("clearlyBelowExpectations", below);
                    answered(path, keyEvaluation);
                }
            }
        }
        Map<String, Object> noTargets = budgetCall(new BigDecimal("1000"), false, List.of(), false, false, null, null,
                null);
        answer = answered(path, noTargets);
        assertEquals(List.of(), answer.get("missingTargetDimensions"));
        assertEquals("NO_SELF_EVALUATION_LAST_YEAR",
                ((Map<?, ?>) ((List<?>) answer.get("eligibilityReasons")).get(1)).get("code"));

        // a null the model reads otherwise: KIE answers it (the differential compares it all the same)
        Map<String, Object> unread = budgetCall(new BigDecimal("1000"), true, all, false, null, null, null, null);
        Model m = MODELS.get(path);
        int[] counts = new int[3];
        compare(path, m, unread, counts);
        assertEquals(1, counts[1], "selfEvaluatedLastYear null, read by an if: declined");
        // no budget: the boxed context's entries are null ("if budget = null then null"), compiled as KIE gives them
        Map<String, Object> noBudget = budgetCall(null, true, all, false, true, "FAIR", true, null);
        amounts = (Map<?, ?>) answered(path, noBudget).get("budgetAmounts");
        assertEquals(List.of("cutLines", "cuts", "withheld", "recommendedBudget").stream().sorted().toList(),
                amounts.keySet().stream().map(String::valueOf).sorted().toList());
        assertTrue(amounts.values().stream().allMatch(java.util.Objects::isNull), amounts.toString());
    }

    /**
     * The target-review family's calls (TargetReviewTables.inputsOf: targets with every field, the indicator null when
     * not named; each stage PASSED, RETURNED or null) are answered compiled when no list the model coerces has one
     * element: every dimension quantified and passed, a missing dimension, a target not quantified with and without an
     * indicator, a qualitative-only dimension, a stage returned, stages out of order, stages not yet reviewed.
     */
    @Test
    void theTargetReviewCallsAreAnsweredCompiled() {
        String path = "dmn/targetreview/target-review.dmn";
        List<TargetReviewTables.TargetFacts> complete = new ArrayList<>();
        for (String dimension : List.of("QUANTITY", "QUALITY", "TIMELINESS", "EFFECT")) {
            complete.add(reviewTarget(dimension, dimension.toLowerCase() + " indicator", true, true, true));
        }
        Map<String, Object> answer = answered(path, reviewCall(complete, "PASSED", "PASSED", "PASSED"));
        assertEquals("PASSED", ((Map<?, ?>) answer.get("verdict")).get("verdict"));
        assertEquals(List.of(), answer.get("findingCodes"));

        List<TargetReviewTables.TargetFacts> gaps = new ArrayList<>(complete.subList(0, 2));
        gaps.add(reviewTarget("EFFECT", null, true, false, true));
        gaps.add(reviewTarget("EFFECT", "满意度", true, true, false));
        gaps.add(reviewTarget("QUANTITY", "数量", false, false, false));
        answer = answered(path, reviewCall(gaps, "PASSED", null, null));
        assertEquals("RETURN_FOR_REVISION", ((Map<?, ?>) answer.get("verdict")).get("verdict"));
        assertEquals(List.of("MISSING_DIMENSION", "NOT_QUANTIFIED", "NOT_QUANTIFIED"), answer.get("findingCodes"));

        List<TargetReviewTables.TargetFacts> qualitative = new ArrayList<>(complete.subList(0, 3));
        qualitative.add(reviewTarget("EFFECT", "效果", false, false, false));
        answer = answered(path, reviewCall(qualitative, null, "PASSED", "RETURNED"));
        // the financial review returned, the department's passed before the unit's self-check: one out of order
        assertEquals(List.of("QUALITATIVE_ONLY_DIMENSION", "STAGE_RETURNED", "STAGE_OUT_OF_ORDER"),
                answer.get("findingCodes"));
        answer = answered(path, reviewCall(complete, "PASSED", null, null));
        assertEquals("PENDING", ((Map<?, ?>) answer.get("verdict")).get("verdict"));
        // one finding: a one-element list where KIE coerces "a = [a]" (CoerceUtil), compiled as KIE gives it
        // (answered() compares the form of every decision with KIE's)
        answer = answered(path, reviewCall(complete, "RETURNED", null, null));
        assertEquals(List.of("STAGE_RETURNED"), answer.get("findingCodes"));
    }

    private static TargetReviewTables.TargetFacts reviewTarget(String dimension, String indicator,
            boolean quantitative, boolean hasValue, boolean hasUnit) {
        return new TargetReviewTables.TargetFacts(dimension, indicator, quantitative, hasValue, hasUnit);
    }

    /** A target-review call as the family makes it ({@link TargetReviewTables#inputsOf}). */
    private static Map<String, Object> reviewCall(List<TargetReviewTables.TargetFacts> targets, String unit,
            String department, String finance) {
        return TargetReviewTables.inputsOf(new TargetReviewTables.Facts(targets, unit, department, finance));
    }

    /** A budget-adjustment call as the family makes it ({@link ProjectRules#inputs}). */
    private static Map<String, Object> budgetCall(BigDecimal budget, boolean hasTargets, List<String> dimensions,
            boolean newProject, Boolean selfEvaluated, String grade, Boolean rectified, String targetReview) {
        return ProjectRules.inputs(new ProjectRules.Facts(budget, hasTargets, dimensions, newProject, selfEvaluated,
                grade, rectified, false, targetReview));
    }

    /** The compiled answer, which must be KIE's (compared as the differential does). */
    private static Map<String, Object> answered(String path, Map<String, Object> inputs) {
        Model m = MODELS.get(path);
        int[] counts = new int[3];
        compare(path, m, inputs, counts);
        assertEquals(1, counts[0], path + " declined " + inputs);
        return m.compiled().evaluate(inputs, null);
    }

    @Test
    void whatIsNotPlainGoesToKie() {
        CompiledDecisions c = MODELS.get("dmn/warning/monitoring-lights.2.2.1.dmn").compiled();
        Map<String, Object> plain = inputs(LocalDate.of(2026, 3, 14), new BigDecimal("10000"), new BigDecimal("100000"),
                List.of(target("AT_LEAST", new BigDecimal("100"), new BigDecimal("80"))));
        Map<String, Object> answer = c.evaluate(plain, null);
        assertNotNull(answer);
        assertEquals(java.util.Set.of("timeProgress", "executionRate", "executionLight", "targetLights", "projectLight"),
                answer.keySet()); // in KIE's order: the differential compares it
        assertEquals(new BigDecimal("0.2"), answer.get("timeProgress"));
        assertEquals("YELLOW", answer.get("executionLight"));
        assertEquals(List.of("RED"), answer.get("targetLights"));
        Map<String, Object> zeroBudget = new HashMap<>(plain);
        zeroBudget.put("budget", BigDecimal.ZERO);
        assertNull(c.evaluate(zeroBudget, null), "a division by zero");
        Map<String, Object> unknown = new HashMap<>(plain);
        unknown.put("targets", List.of(target("SIDEWAYS", new BigDecimal("100"), new BigDecimal("80"))));
        assertNull(c.evaluate(unknown, null), "a direction outside the allowed values");
        Map<String, Object> missing = new HashMap<>(plain);
        missing.remove("asOf");
        assertNull(c.evaluate(missing, null), "a missing input");
    }

    @Test
    void aRememberedTimeProgressIsOnlyEverForItsOwnDate() {
        // the time progress reads asOf alone, so the compiled model keeps its last answer (LastAnswer): a batch's
        // projects share their date. Dates in turn, repeated, each answer KIE's for that date.
        Model m = MODELS.get(IN_FORCE);
        List<LocalDate> days = List.of(LocalDate.of(2026, 3, 14), LocalDate.of(2024, 12, 31), LocalDate.of(2026, 3, 14),
                LocalDate.of(2026, 3, 14), LocalDate.of(2025, 12, 31), LocalDate.of(2024, 12, 31));
        int[] counts = new int[3];
        for (LocalDate day : days) {
            Map<String, Object> inputs = inputs(day, new BigDecimal("10000"), new BigDecimal("100000"),
                    List.of(target("AT_LEAST", new BigDecimal("100"), new BigDecimal("80"))));
            compare(IN_FORCE, m, inputs, counts);
            BigDecimal expected = BigDecimal.valueOf(day.getDayOfYear())
                    .divide(BigDecimal.valueOf(day.lengthOfYear()), MathContext.DECIMAL128);
            assertEquals(expected, m.compiled().evaluate(inputs, null).get("timeProgress"), day.toString());
        }
        assertEquals(days.size(), counts[0], "every one answered by the compiled model");
    }
}
