package cn.pbm.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import cn.pbm.platform.TestDecisionLog;
import java.util.List;

/** What an operator watches (docs/operations.md): health, the service's metrics, the trace id in the decision log. */
@QuarkusTest
class OperationsTest {

    @jakarta.inject.Inject
    cn.pbm.platform.RulesetCatalog catalog;


    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GRADING = "/api/v1/grading/evaluation";
    private static final String MONITORING = "/api/v1/monitoring/warnings";

    @Test
    void readyWhenEveryRuleSetCompiledEveryCalendarLoadedAndTheLogIsWritable() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("rule sets", "decision log"))
                .body("checks.find { it.name == 'rule sets' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'rule sets' }.data.'holiday calendars loaded'", equalTo(countingVersions()))
                .body("checks.find { it.name == 'decision log' }.status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** Every deployed rule-set version that lists a holiday calendar year file (disclosure, rectification, ...). */
    private int countingVersions() {
        return (int) catalog.all().stream()
                .filter(r -> r.files().stream().anyMatch(f -> f.path().matches(".*calendar/\\d{4}\\.json")))
                .count();
    }

    @Test
    void aDecisionIsCountedByEndpointRulesetVersionAndTheGradeItGave() {
        String counter = "pbm_decisions_total{endpoint=\"" + GRADING
                + "\",outcome=\"GOOD\",ruleset=\"grading.evaluation-grade\",version=\"1.0.0\"}";
        double before = value(metrics(), counter);

        given().contentType("application/json").body("{\"score\": 85}").post(GRADING).then().statusCode(200)
                .body("grade", equalTo("GOOD"));

        String metrics = metrics();
        assertThat(value(metrics, counter)).isEqualTo(before + 1);
        assertThat(metrics).contains("pbm_decision_duration_seconds_bucket{endpoint=\"" + GRADING + "\",status=\"200\",le=");
    }

    @Test
    void aListIsCountedPerItemWithItsLightAndItsSizeIsRecorded() {
        String base = "pbm_decisions_total{endpoint=\"" + MONITORING + "\",outcome=\"%s\",ruleset=\"warning.execution-monitoring\",version=\"2.2.1\"}";
        String batches = "pbm_batch_size_count{endpoint=\"" + MONITORING + "\"}";
        String before = metrics();

        given().contentType("application/json").body("""
                {"asOf": "2023-12-31", "projects": [
                  {"projectId": "A", "budget": 100, "executed": 80, "directFunds": false, "implementationConditionsMet": true},
                  {"projectId": "B", "budget": 100, "executed": 95, "directFunds": false, "implementationConditionsMet": true},
                  {"projectId": "C", "budget": 100, "executed": 99, "directFunds": false, "implementationConditionsMet": true}]}
                """).post(MONITORING).then().statusCode(200).body("summary.red", equalTo(1)).body("summary.green", equalTo(2));

        String after = metrics();
        assertThat(value(after, base.formatted("RED"))).isEqualTo(value(before, base.formatted("RED")) + 1);
        assertThat(value(after, base.formatted("GREEN"))).isEqualTo(value(before, base.formatted("GREEN")) + 2);
        assertThat(value(after, batches)).isEqualTo(value(before, batches) + 1);
        assertThat(value(after, "pbm_batch_size_sum{endpoint=\"" + MONITORING + "\"}"))
                .isEqualTo(value(before, "pbm_batch_size_sum{endpoint=\"" + MONITORING + "\"}") + 3);
    }

    @Test
    void everyDeployedVersionHasAGaugeWithItsHash() throws Exception {
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(Path.of("dmn/grading/evaluation-grade.dmn"))));
        assertThat(value(metrics(), "pbm_ruleset_info{ruleset=\"grading.evaluation-grade\",sha256=\"" + sha256
                + "\",version=\"1.0.0\"}")).isEqualTo(1.0);
    }

    @Test
    void theLogLineCarriesTheTraceIdAndAReplayIsCountedByResult() throws Exception {
        long logStart = TestDecisionLog.end();
        String decisionId = given().contentType("application/json").body("{\"score\": 60}").post(GRADING).then()
                .statusCode(200).extract().path("decisionId");

        List<String> lines = TestDecisionLog.linesOf(logStart, decisionId);
        JsonNode line = lines.isEmpty() ? null : JSON.readTree(lines.get(lines.size() - 1));
        assertThat(line).as("the decision-log line of " + decisionId).isNotNull();
        assertThat(line.path("traceId").asText()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));

        String replays = "pbm_replays_total{result=\"MATCH\"}";
        double before = value(metrics(), replays);
        given().header(cn.pbm.security.TestTokens.bearer(cn.pbm.security.TestTokens.token("auditor-in-test", "auditor"))).contentType("application/json").body(line.toString()).post("/api/v1/decisions/replay").then()
                .statusCode(200).body("result", equalTo("MATCH"));
        assertThat(value(metrics(), replays)).isEqualTo(before + 1);
    }

    @Test
    void aPathThatIsNoRouteIsNotALabel() {
        given().contentType("application/json").body("{}").post("/api/v1/no-such-decision").then().statusCode(404);
        assertThat(metrics()).doesNotContain("no-such-decision");
    }

    private static String metrics() {
        // the Prometheus text format 0.0.4 ends a label set with ",}"; the series below are written without it
        return given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString()
                .replace(",}", "}");
    }

    /** The value of one time series in the Prometheus text, 0 when it is not there yet. */
    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
