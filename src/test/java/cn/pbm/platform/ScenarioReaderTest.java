package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import cn.pbm.api.model.ScenarioReport;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * {@link RuleScenarios} reads the KIE Test Scenarios as the KIE runner does: run by this reader against the DEPLOYED
 * models, every row of every shipped .scesim passes, row for row (the build's KogitoScenarioJunitActivatorTest runs
 * the same files with the real runner, and passes them all). And the reader fails a row the runner would fail.
 */
@QuarkusTest
class ScenarioReaderTest {

    private static final Pattern SCENARIO = Pattern.compile("<Scenario>");

    @Inject
    RuleScenarios scenarios;
    @Inject
    RulesetCatalog catalog;
    @Inject
    DecisionEngine engine;

    /** The rows a .scesim file holds, counted from its source text. */
    private static int rowsInSource(Path file) throws IOException {
        Matcher matcher = SCENARIO.matcher(Files.readString(file, StandardCharsets.UTF_8));
        int rows = 0;
        while (matcher.find()) {
            rows++;
        }
        return rows;
    }

    private Ruleset deployedVersionOf(String dmnFile) {
        return catalog.all().stream().filter(r -> r.files().stream().anyMatch(f -> f.path().equals(dmnFile)))
                .filter(r -> engine.compiledModel(r).isPresent()).findFirst()
                .orElseThrow(() -> new AssertionError("no deployed version compiles " + dmnFile));
    }

    @Test
    void everyShippedScenarioPassesAgainstTheDeployedModelRowForRow() throws IOException {
        List<Path> shipped;
        try (Stream<Path> walk = Files.walk(Path.of("test-scenarios"))) {
            shipped = walk.filter(p -> p.toString().endsWith(".scesim")).sorted().toList();
        }
        assertThat(scenarios.all()).extracting(RuleScenarios.ScenarioFile::path)
                .containsExactlyInAnyOrderElementsOf(shipped.stream().map(p -> p.toString().replace('\\', '/')).toList());
        int total = 0;
        for (Path file : shipped) {
            String path = file.toString().replace('\\', '/');
            RuleScenarios.ScenarioFile parsed = scenarios.all().stream().filter(f -> f.path().equals(path)).findFirst()
                    .orElseThrow();
            Ruleset deployed = deployedVersionOf(parsed.dmnFile());
            ScenarioReport report = RuleScenarios.run("deployed", List.of(parsed),
                    (inputs, decisions) -> engine.evaluateScenario(deployed, null, inputs, decisions), 1000);
            int rows = rowsInSource(file);
            assertThat(rows).as(path).isPositive();
            assertThat(report.getRun()).as(path + " rows run").isEqualTo(rows);
            assertThat(report.getFailures()).as(path + " against " + deployed.version()).isEmpty();
            assertThat(report.getPassed()).as(path).isEqualTo(rows);
            assertThat(report.getFailed()).as(path).isZero();
            total += rows;
        }
        assertThat(total).as("the rows the build's KIE runner runs").isEqualTo(288);
    }

    @Test
    void anExpectationTheModelDoesNotMeetFailsNamingRowFieldExpectedAndActual() throws IOException {
        String path = "test-scenarios/warning/monitoring-lights.2.1.0.scesim";
        String xml = Files.readString(Path.of(path), StandardCharsets.UTF_8);
        // row 1 expects executionLight "RED" (lag exactly 20 points): claim GREEN instead
        String changed = xml.replaceFirst("<rawValue class=\"string\">\"RED\"</rawValue>",
                "<rawValue class=\"string\">\"GREEN\"</rawValue>");
        assertThat(changed).isNotEqualTo(xml);
        RuleScenarios.ScenarioFile file = RuleScenarios.parse(path, changed);
        Ruleset deployed = deployedVersionOf(file.dmnFile());
        ScenarioReport report = RuleScenarios.run("edited", List.of(file),
                (inputs, decisions) -> engine.evaluateScenario(deployed, null, inputs, decisions), 10);
        assertThat(report.getRun()).isEqualTo(20);
        assertThat(report.getFailed()).isEqualTo(1);
        assertThat(report.getPassed()).isEqualTo(19);
        assertThat(report.getFailures()).singleElement().satisfies(f -> {
            assertThat(f.getRow()).isEqualTo(1);
            assertThat(f.getDescription()).isEqualTo("滞后恰为20个百分点为红灯（时间进度1，执行率0.8）");
            assertThat(f.getField()).isEqualTo("executionLight");
            assertThat(f.getExpected()).isEqualTo("\"GREEN\"");
            assertThat(f.getActual()).isEqualTo("\"RED\"");
        });
    }

    @Test
    void expectationCellsAreFeelUnaryTestsOnTheActualValue() {
        assertThat(RuleScenarios.verify("\"RED\"", "RED")).isTrue();
        assertThat(RuleScenarios.verify("\"RED\"", "YELLOW")).isFalse();
        assertThat(RuleScenarios.verify("> 10", new BigDecimal("10.5"))).isTrue();
        assertThat(RuleScenarios.verify("> 10", BigDecimal.TEN)).isFalse();
        assertThat(RuleScenarios.verify("[1..5]", new BigDecimal("5"))).isTrue();
        assertThat(RuleScenarios.verify("[1..5]", new BigDecimal("5.01"))).isFalse();
        assertThat(RuleScenarios.verify("100000.00", new BigDecimal("100000"))).isTrue();
        assertThat(RuleScenarios.verify("null", null)).isTrue();
        assertThat(RuleScenarios.verify("null", "RED")).isFalse();
        assertThat(RuleScenarios.verify("true", Boolean.TRUE)).isTrue();
        // a list value: the cell is JSON; a string is a unary test on the whole list
        List<Object> empty = new ArrayList<>();
        assertThat(RuleScenarios.verify("\"count(?) = 0\"", empty)).isTrue();
        List<Object> two = new ArrayList<>(List.of(Map.of("code", "A"), Map.of("code", "B")));
        assertThat(RuleScenarios.verify("\"?.code = [\\\"A\\\",\\\"B\\\"]\"", two)).isTrue();
        assertThat(RuleScenarios.verify("\"?.code = [\\\"A\\\"]\"", two)).isFalse();
        // GIVEN cells: FEEL, a list column as the collection editor writes it
        assertThat(RuleScenarios.literal("date(\"2022-01-01\")", false)).isEqualTo(java.time.LocalDate.of(2022, 1, 1));
        assertThat(RuleScenarios.literal("[]", true)).isEqualTo(List.of());
        assertThat(RuleScenarios.literal("[{\"direction\": \"\\\"AT_LEAST\\\"\", \"expected\": \"100\"}]", true))
                .isEqualTo(List.of(Map.of("direction", "AT_LEAST", "expected", new BigDecimal("100"))));
    }
}
