package cn.pbm.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.pbm.security.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** What an auditor does: explain a decision, find it in the decision log, replay it, read the rules behind it. */
@QuarkusTest
class AuditTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the test profile writes the decision log (pbm.decision-log.file). */
    private long logStart;

    @BeforeEach
    void markTheLog() throws Exception {
        logStart = TestDecisionLog.end();
    }

    /** The decision-log lines this test's calls wrote. */
    private List<String> logLines() throws Exception {
        return TestDecisionLog.linesAfter(logStart);
    }

    /** Replay is for auditors (and policy officers). */
    private static io.restassured.specification.RequestSpecification asAuditor() {
        return given().header(TestTokens.asAuditor());
    }

    private static String decide(String endpoint, String body) {
        return given().contentType("application/json").body(body).post(endpoint).then().statusCode(200)
                .extract().path("decisionId");
    }

    private JsonNode logLine(String decisionId) throws Exception {
        List<String> logLines = logLines();
        for (String line : logLines) {
            JsonNode node = JSON.readTree(line);
            if (decisionId.equals(node.path("decisionId").asText())) {
                return node;
            }
        }
        throw new AssertionError("no decision-log line for " + decisionId + " in " + logLines);
    }

    @Test
    void explainShowsTheMatchedRowItsCitationAndTheInput() {
        given().contentType("application/json").body("{\"score\": 85}")
                .post("/api/v1/grading/evaluation?explain=true").then()
                .statusCode(200)
                .body("grade", equalTo("GOOD"))
                .body("explanation.tables[0].decision", equalTo("evaluationGrade"))
                .body("explanation.tables[0].decisionLabel", equalTo("绩效评价等级"))
                .body("explanation.tables[0].matchedRows", equalTo(List.of(2)))
                .body("explanation.tables[0].rows[0].annotation", containsString("财预〔2020〕10号"))
                .body("explanation.tables[0].rows[0].inputs.评价得分", equalTo(85))
                .body("explanation.tables[0].ruleset.id", equalTo("grading.evaluation-grade"));

        given().contentType("application/json").body("{\"score\": 95}")
                .post("/api/v1/grading/ex-ante?explain=true").then()
                .statusCode(200)
                .body("explanation.tables[0].matchedRows", equalTo(List.of(1)))
                .body("explanation.tables[0].rows[0].annotation", containsString("一(一)"))
                .body("explanation.tables[0].rows[0].annotation", containsString("中卫市《进一步推进预算绩效结果应用实施方案》"))
                .body("explanation.tables[0].rows[0].annotation", not(containsString("seed")));
    }

    @Test
    void explainNamesTheRulesThatFiredAndTheTablesOfEveryProject() {
        String body = "{\"asOf\": \"2023-10-31\", \"projects\": [{\"projectId\": \"XY-1\", \"budget\": 1000000.00,"
                + " \"executed\": 0, \"directFunds\": true, \"implementationConditionsMet\": true}]}";
        given().contentType("application/json").body(body)
                .post("/api/v1/monitoring/warnings?explain=true").then()
                .statusCode(200)
                .body("explanation.rules.name", hasItem("RemindToAccelerate"))
                .body("explanation.rules.name", hasItem("ZeroSpendingWatchlist"))
                .body("explanation.rules.name", hasItem("FocusMonitoringOfDirectFunds"))
                .body("explanation.rules.find { it.name == 'ZeroSpendingWatchlist' }.description",
                        containsString("10月31日"))
                .body("explanation.rules[0].ruleset.id", equalTo("warning.execution-monitoring"))
                .body("explanation.tables.decisionLabel", hasItem("执行进度预警灯"))
                .body("explanation.tables.find { it.decisionLabel == '执行进度预警灯' }.rows[0].annotation",
                        containsString("本服务默认值"));
    }

    /** The engine keeps answers to repeated inputs; a repeat is explained with the rows the engine matched. */
    @Test
    void aRepeatedDecisionIsExplainedWithTheSameRows() {
        for (int call = 0; call < 3; call++) {
            boolean explain = call > 0; // the first call is answered without rows, so the memo has none yet
            var response = given().contentType("application/json").body("{\"score\": 59.99}")
                    .post("/api/v1/grading/evaluation" + (explain ? "?explain=true" : "")).then()
                    .statusCode(200)
                    .body("grade", equalTo("POOR"));
            if (explain) {
                response.body("explanation.tables", org.hamcrest.Matchers.hasSize(1))
                        .body("explanation.tables[0].matchedRows", equalTo(List.of(4)))
                        .body("explanation.tables[0].rows[0].inputs.评价得分", equalTo(59.99f));
            } else {
                response.body("explanation", nullValue());
            }
        }
    }

    @Test
    void withoutExplainThereIsNoExplanation() {
        given().contentType("application/json").body("{\"score\": 85}")
                .post("/api/v1/grading/evaluation").then()
                .statusCode(200)
                .body("explanation", nullValue());
    }

    @Test
    void everyDecisionIsLoggedAsOneReplayableJsonLine() throws Exception {
        String id = decide("/api/v1/grading/evaluation", "{\"score\": 79.99}");

        JsonNode line = logLine(id);
        assertThat(line.path("endpoint").asText()).isEqualTo("/api/v1/grading/evaluation");
        assertThat(line.path("outcome").asText()).isEqualTo("DECIDED");
        assertThat(line.path("timestamp").asText()).isNotBlank();
        assertThat(line.path("rulesets").get(0).path("id").asText()).isEqualTo("grading.evaluation-grade");
        assertThat(line.path("rulesets").get(0).path("sha256").asText()).hasSize(64);
        assertThat(line.path("input").path("score").decimalValue()).isEqualByComparingTo("79.99");
        assertThat(line.path("output").path("grade").asText()).isEqualTo("FAIR");
        assertThat(line.path("explanation").path("tables").get(0).path("matchedRows").get(0).asInt()).isEqualTo(3);

        asAuditor().contentType("application/json").body(line.toString()).post("/api/v1/decisions/replay").then()
                .statusCode(200)
                .body("result", equalTo("MATCH"))
                .body("decisionId", equalTo(id))
                .body("differences", org.hamcrest.Matchers.empty());
    }

    @Test
    void aReplayWhoseRecordedOutputDiffersIsAMismatchNamingTheField() throws Exception {
        String id = decide("/api/v1/grading/ex-ante", "{\"score\": 90}");
        ObjectNode line = (ObjectNode) logLine(id);
        ((ObjectNode) line.get("output")).put("conclusion", "NEEDS_REVISION");

        asAuditor().contentType("application/json").body(line.toString()).post("/api/v1/decisions/replay").then()
                .statusCode(200)
                .body("result", equalTo("MISMATCH"))
                .body("differences[0].field", equalTo("/conclusion"))
                .body("differences[0].recorded", equalTo("NEEDS_REVISION"))
                .body("differences[0].replayed", equalTo("FEASIBLE"));
    }

    @Test
    void aVersionOrHashThatIsNotDeployedCannotBeReplayed() throws Exception {
        String id = decide("/api/v1/grading/evaluation", "{\"score\": 60}");
        ObjectNode changedTable = (ObjectNode) logLine(id).deepCopy();
        ((ObjectNode) changedTable.get("rulesets").get(0)).put("sha256", "0".repeat(64));

        asAuditor().contentType("application/json").body(changedTable.toString()).post("/api/v1/decisions/replay").then()
                .statusCode(200)
                .body("result", equalTo("VERSION_NOT_DEPLOYED"))
                .body("notDeployed[0].id", equalTo("grading.evaluation-grade"));

        ObjectNode oldVersion = (ObjectNode) logLine(id).deepCopy();
        ((ObjectNode) oldVersion.get("rulesets").get(0)).put("version", "0.9.0");
        asAuditor().contentType("application/json").body(oldVersion.toString()).post("/api/v1/decisions/replay").then()
                .statusCode(200)
                .body("result", equalTo("VERSION_NOT_DEPLOYED"));
    }

    @Test
    void aReplayedInputIsHeldToTheContract() throws Exception {
        String id = decide("/api/v1/grading/evaluation", "{\"score\": 60}");
        ObjectNode line = (ObjectNode) logLine(id);
        ((ObjectNode) line.get("input")).put("score", 160);

        asAuditor().contentType("application/json").body(line.toString()).post("/api/v1/decisions/replay").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("/input/score"));
    }

    /** Every decision endpoint can be replayed, also one whose operation sits on its interface's path. */
    @Test
    void monitoringAndDisclosureDecisionsReplayToAMatch() throws Exception {
        String id = decide("/api/v1/monitoring/warnings", "{\"asOf\": \"2023-10-31\", \"projects\": [{\"projectId\": \"A\","
                + " \"budget\": 100, \"executed\": 1, \"directFunds\": true, \"implementationConditionsMet\": true}]}");

        asAuditor().contentType("application/json").body(logLine(id).toString()).post("/api/v1/decisions/replay").then()
                .statusCode(200)
                .body("result", equalTo("MATCH"));

        String disclosure = decide("/api/v1/disclosure/deadlines", "{\"asOf\": \"2025-10-10\", \"items\": [{\"itemId\": \"D1\","
                + " \"kind\": \"BUDGET_TARGETS_PUBLICATION\", \"triggerDate\": \"2025-09-15\", \"classified\": false}]}");
        asAuditor().contentType("application/json").body(logLine(disclosure).toString()).post("/api/v1/decisions/replay").then()
                .statusCode(200)
                .body("result", equalTo("MATCH"));
    }

    /**
     * Issue 13 item 3: warning 2.2.0 computes the two ratios in its model; 2.1.0 and 2.0.0 (fed the ratios by the
     * service) are kept for replay only, and so is 2.2.0 since 2.2.1 (the same decisions in cheaper FEEL forms,
     * issue 19). A decision logged by any of them still replays to a MATCH: the same line with the retired version
     * and its hash pinned, ratios included (a leap day, a non-terminating rate).
     */
    @Test
    void monitoringDecisionsOfTheRetiredVersionsStillReplayToAMatch() throws Exception {
        String id = decide("/api/v1/monitoring/warnings", "{\"asOf\": \"2024-02-29\", \"projects\": [{\"projectId\": \"A\","
                + " \"budget\": 3, \"executed\": 1, \"directFunds\": true, \"implementationConditionsMet\": true,"
                + " \"targets\": [{\"name\": \"t\", \"direction\": \"AT_LEAST\", \"expected\": 100, \"actual\": 85}]}]}");
        JsonNode live = logLine(id);
        assertThat(live.path("rulesets").get(0).path("version").asText()).isEqualTo("2.2.1");
        assertThat(live.path("output").path("results").get(0).path("timeProgress").decimalValue())
                .isEqualByComparingTo("0.1639"); // 60/366
        assertThat(live.path("output").path("results").get(0).path("executionRate").decimalValue())
                .isEqualByComparingTo("0.3333");
        io.restassured.path.json.JsonPath rulesets = given().get("/api/v1/rulesets").then().statusCode(200).extract()
                .jsonPath();
        for (String version : List.of("2.2.0", "2.1.0", "2.0.0")) {
            String sha256 = rulesets.getString("rulesets.find { it.id == 'warning.execution-monitoring' }.versions"
                    + ".find { it.version == '" + version + "' }.sha256");
            assertThat(sha256).as(version).hasSize(64);
            ObjectNode line = (ObjectNode) live.deepCopy();
            ((ObjectNode) line.get("rulesets").get(0)).put("version", version).put("sha256", sha256);
            ((ObjectNode) line.get("output").get("ruleset")).put("version", version).put("sha256", sha256);

            asAuditor().contentType("application/json").body(line.toString()).post("/api/v1/decisions/replay").then()
                    .statusCode(200)
                    .body("result", equalTo("MATCH"))
                    .body("differences", org.hamcrest.Matchers.empty());

            // the ratios are compared too: a recorded rate that differs is a mismatch naming the field
            ((ObjectNode) line.get("output").get("results").get(0)).put("executionRate", new java.math.BigDecimal("0.3334"));
            asAuditor().contentType("application/json").body(line.toString()).post("/api/v1/decisions/replay").then()
                    .statusCode(200)
                    .body("result", equalTo("MISMATCH"))
                    .body("differences[0].field", equalTo("/results/0/executionRate"));
        }
    }

    /** A replayed long list is validated item by item too (long lists skip the endpoint's own validation). */
    @Test
    void aReplayedLongListIsHeldToTheContractItemByItem() throws Exception {
        String id = decide("/api/v1/monitoring/warnings", "{\"asOf\": \"2023-10-31\", \"projects\": [{\"projectId\": \"A\","
                + " \"budget\": 100, \"executed\": 1, \"directFunds\": false, \"implementationConditionsMet\": true}]}");
        ObjectNode line = (ObjectNode) logLine(id);
        com.fasterxml.jackson.databind.node.ArrayNode projects = ((ObjectNode) line.get("input")).putArray("projects");
        for (int i = 0; i < 300; i++) {
            projects.addObject().put("projectId", "P-" + i).put("budget", i == 257 ? -1 : 100).put("executed", 1)
                    .put("directFunds", false).put("implementationConditionsMet", true);
        }

        asAuditor().contentType("application/json").body(line.toString()).post("/api/v1/decisions/replay").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.contains("/input/projects/257/budget"));
    }

    @Test
    void rejectedRequestsAreLoggedWithoutTheirBodies() throws Exception {
        given().contentType("application/json").body("{\"score\": 85, \"secret\": \"张三的身份证号\"}")
                .post("/api/v1/grading/evaluation").then().statusCode(400);

        JsonNode rejected = JSON.readTree(logLines().stream().filter(l -> l.contains("REJECTED")).reduce((a, b) -> b)
                .orElseThrow());
        assertThat(rejected.path("status").asInt()).isEqualTo(400);
        assertThat(rejected.path("errors").get(0).path("field").asText()).isEqualTo("/secret");
        assertThat(rejected.toString()).doesNotContain("张三");
        assertThat(rejected.path("input").isEmpty()).isTrue();
    }

    @Test
    void theRulesetsListShowsVersionsHashesSourcesAndTheBuild() throws Exception {
        String hash = RulesetCatalog.sha256(Files.readAllBytes(Path.of("dmn/grading/evaluation-grade.dmn")));
        given().get("/api/v1/rulesets").then()
                .statusCode(200)
                .body("build.commit", org.hamcrest.Matchers.notNullValue())
                .body("rulesets.id", hasItem("grading.evaluation-grade"))
                .body("rulesets.find { it.id == 'grading.evaluation-grade' }.versions[0].sha256", equalTo(hash))
                .body("rulesets.find { it.id == 'grading.evaluation-grade' }.versions[0].source",
                        containsString("财预〔2020〕10号"))
                .body("rulesets.find { it.id == 'grading.evaluation-grade' }.versions[0].files[0].content", nullValue());
    }

    @Test
    void oneRulesetComesWithTheExactContentOfItsFiles() throws Exception {
        String content = Files.readString(Path.of("dmn/grading/evaluation-grade.dmn"));
        given().get("/api/v1/rulesets/grading.evaluation-grade").then()
                .statusCode(200)
                .body("ruleset.versions[0].files[0].path", equalTo("dmn/grading/evaluation-grade.dmn"))
                .body("ruleset.versions[0].files[0].content", equalTo(content));

        given().get("/api/v1/rulesets/no.such.policy").then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
