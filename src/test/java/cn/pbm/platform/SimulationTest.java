package cn.pbm.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.pbm.security.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * POST /api/v1/simulations (docs/simulation.md). The Done-when of issue 17: moving the red execution band from 20
 * to 15 points over the shipped sample turns exactly the projects whose lag is in [15, 20) from YELLOW to RED,
 * the expected count computed here from the dataset's own fields in exact arithmetic.
 */
@QuarkusTest
@io.quarkus.test.junit.TestProfile(SimulationTest.OwnDecisionLog.class)
class SimulationTest {

    /**
     * A decision log of this class's own calls: the test profile's shared log also holds other tests' lists of
     * 100,000 projects, which a simulation over "today's decisions" would decide twice each.
     */
    public static class OwnDecisionLog implements io.quarkus.test.junit.QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pbm.decision-log.file", "target/decisions-simulation-test-" + System.nanoTime() + ".log");
        }
    }

    static final String RULESET = "warning.execution-monitoring";
    static final String DMN_PATH = "dmn/warning/monitoring-lights.dmn";
    static final String DMN_POINTER = "/candidate/files/dmn~1warning~1monitoring-lights.dmn";
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    static String baselineXml() throws IOException {
        return Files.readString(Path.of(DMN_PATH), StandardCharsets.UTF_8);
    }

    /** The execution-light table with its red band from {@code red} points (yellow from 10 up to it). */
    static String withRedFrom(String xml, int red) {
        String redRow = "<inputEntry id=\"_mon_el_r1_i1\"><text>&gt;= 20</text></inputEntry>";
        String yellowRow = "<inputEntry id=\"_mon_el_r2_i1\"><text>[10..20)</text></inputEntry>";
        assertThat(xml).contains(redRow, yellowRow);
        return xml.replace(redRow, redRow.replace("20", String.valueOf(red)))
                .replace(yellowRow, yellowRow.replace("20", String.valueOf(red)));
    }

    static JsonNode sample() throws IOException {
        try (InputStream in = SimulationTest.class.getClassLoader()
                .getResourceAsStream("samples/warning-100-projects.json")) {
            return JSON.readTree(in);
        }
    }

    /** 100 × (time progress − execution rate), exactly, as a fraction compared by cross-multiplying. */
    static boolean lagIn(JsonNode project, LocalDate asOf, int from, int to) {
        BigDecimal day = BigDecimal.valueOf(asOf.getDayOfYear());
        BigDecimal year = BigDecimal.valueOf(asOf.lengthOfYear());
        BigDecimal budget = project.get("budget").decimalValue();
        BigDecimal executed = project.get("executed").decimalValue();
        // lag = 100 (day/year − executed/budget) = 100 (day·budget − executed·year) / (year·budget)
        BigDecimal numerator = HUNDRED.multiply(day.multiply(budget).subtract(executed.multiply(year)));
        BigDecimal denominator = year.multiply(budget);
        return numerator.compareTo(BigDecimal.valueOf(from).multiply(denominator)) >= 0
                && numerator.compareTo(BigDecimal.valueOf(to).multiply(denominator)) < 0;
    }

    static Response simulate(Object body) {
        return given().header(TestTokens.bearer(TestTokens.token("olga", "policy-officer")))
                .contentType("application/json").body(body).post("/api/v1/simulations");
    }

    static ObjectNode request(Map<String, String> files) {
        ObjectNode body = JSON.createObjectNode();
        body.put("rulesetId", RULESET);
        body.putObject("baseline").put("version", "2.0.0");
        ObjectNode candidate = body.putObject("candidate").putObject("files");
        files.forEach(candidate::put);
        body.putObject("dataset").put("sample", "warning-100-projects");
        body.put("limit", 5);
        return body;
    }

    static JsonNode json(Response response) throws IOException {
        return JSON.readTree(response.asString());
    }

    @Test
    void movingTheRedBandFrom20To15TurnsEveryProjectWithALagIn15To20FromYellowToRed() throws IOException {
        JsonNode sample = sample();
        int expected = 0;
        int projects = 0;
        for (JsonNode request : sample.get("requests")) {
            LocalDate asOf = LocalDate.parse(request.get("asOf").asText());
            for (JsonNode project : request.get("projects")) {
                projects++;
                expected += lagIn(project, asOf, 15, 20) ? 1 : 0;
            }
        }
        assertThat(projects).isEqualTo(100);
        assertThat(expected).as("the sample has projects with a lag in [15, 20)").isGreaterThan(5);

        Response response = simulate(request(Map.of(DMN_PATH, withRedFrom(baselineXml(), 15))));
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        Files.writeString(Path.of("target", "simulation-red-band-15.json"), response.asString()); // for docs/simulation.md
        JsonNode result = json(response);
        JsonNode comparison = result.get("comparison");
        assertThat(comparison.get("evaluated").asInt()).isEqualTo(100);
        assertThat(comparison.get("rejected")).isEmpty();
        List<String> executionTransitions = new ArrayList<>();
        int yellowToRed = -1;
        for (JsonNode t : comparison.get("transitions")) {
            if (t.get("field").asText().equals("executionLight")) {
                executionTransitions.add(t.get("from").asText() + "→" + t.get("to").asText());
                if (t.get("from").asText().equals("YELLOW") && t.get("to").asText().equals("RED")) {
                    yellowToRed = t.get("count").asInt();
                }
            }
        }
        assertThat(yellowToRed).isEqualTo(expected);
        assertThat(executionTransitions).containsExactly("YELLOW→RED");
        assertThat(comparison.get("changed").asInt()).isEqualTo(expected);
        assertThat(comparison.get("changedItems")).hasSize(5);
        JsonNode first = comparison.get("changedItems").get(0);
        assertThat(first.get("baseline").get("executionLight").asText()).isEqualTo("YELLOW");
        assertThat(first.get("candidate").get("executionLight").asText()).isEqualTo("RED");
        assertThat(first.get("baselineExplanation").toString()).contains("执行进度预警灯").contains("\"matchedRows\":[2]");
        assertThat(first.get("candidateExplanation").toString()).contains("\"matchedRows\":[1]")
                .contains("2.0.0-candidate");
        assertThat(result.get("baseline").get("version").asText()).isEqualTo("2.0.0");
        assertThat(result.get("candidate").get("sha256").asText()).isNotEqualTo(result.get("baseline").get("sha256").asText());
        // the money of the follow-up actions (recalls) does not depend on the execution light
        for (JsonNode money : comparison.get("money")) {
            assertThat(money.get("difference").decimalValue()).isZero();
        }
    }

    @Test
    void theServiceDecidesEverySampleProjectInTheBandItsExactLagFallsIn() throws IOException {
        for (JsonNode request : sample().get("requests")) {
            LocalDate asOf = LocalDate.parse(request.get("asOf").asText());
            JsonNode answer = json(given().contentType("application/json").body(request.toString())
                    .post("/api/v1/monitoring/warnings"));
            for (int i = 0; i < request.get("projects").size(); i++) {
                JsonNode project = request.get("projects").get(i);
                String light = lagIn(project, asOf, 20, 1000) ? "RED" : lagIn(project, asOf, 10, 20) ? "YELLOW" : "GREEN";
                assertThat(answer.get("results").get(i).get("executionLight").asText())
                        .as(project.get("projectId").asText()).isEqualTo(light);
            }
        }
    }

    @Test
    void theSampleHasProjectsOnAndEitherSideOfEveryEdge() throws IOException {
        for (int edge : new int[] {10, 15, 20}) {
            int below = 0;
            int on = 0;
            int above = 0;
            for (JsonNode request : sample().get("requests")) {
                LocalDate asOf = LocalDate.parse(request.get("asOf").asText());
                for (JsonNode project : request.get("projects")) {
                    BigDecimal lag = lag(project, asOf);
                    int c = lag.compareTo(BigDecimal.valueOf(edge));
                    if (c == 0) {
                        on++;
                    } else if (lag.subtract(BigDecimal.valueOf(edge)).abs().compareTo(new BigDecimal("0.5")) <= 0) {
                        if (c < 0) {
                            below++;
                        } else {
                            above++;
                        }
                    }
                }
            }
            assertThat(List.of(below, on, above)).as("edge " + edge).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(2));
        }
    }

    /** The lag, exact when it is a whole number of hundredths (the edges); rounded far below 0.01 otherwise. */
    static BigDecimal lag(JsonNode project, LocalDate asOf) {
        BigDecimal day = BigDecimal.valueOf(asOf.getDayOfYear());
        BigDecimal year = BigDecimal.valueOf(asOf.lengthOfYear());
        BigDecimal budget = project.get("budget").decimalValue();
        BigDecimal executed = project.get("executed").decimalValue();
        return HUNDRED.multiply(day.multiply(budget).subtract(executed.multiply(year)))
                .divide(year.multiply(budget), 20, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
    }

    @Test
    void aCandidateIdenticalToTheBaselineChangesNothing() throws IOException {
        Response response = simulate(request(Map.of(DMN_PATH, baselineXml())));
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        JsonNode result = json(response);
        assertThat(result.get("comparison").get("evaluated").asInt()).isEqualTo(100);
        assertThat(result.get("comparison").get("changed").asInt()).isZero();
        assertThat(result.get("comparison").get("transitions")).isEmpty();
        assertThat(result.get("candidate").get("sha256").asText()).isEqualTo(result.get("baseline").get("sha256").asText());
        assertThat(result.get("comparison").get("money")).isNotEmpty(); // the recalls of the sample, the same on both sides
    }

    @Test
    void aTableWithOverlappingRowsIs422NamingTheRows() throws IOException {
        String overlapping = baselineXml().replace("<inputEntry id=\"_mon_el_r2_i1\"><text>[10..20)</text></inputEntry>",
                "<inputEntry id=\"_mon_el_r2_i1\"><text>[10..25)</text></inputEntry>");
        Response response = simulate(request(Map.of(DMN_PATH, overlapping)));
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode error = json(response).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo(DMN_POINTER);
        assertThat(error.get("message").asText()).contains("执行进度预警灯").contains("rows [1, 2]");
    }

    @Test
    void aDrlFileIsRefused() throws IOException {
        Response response = simulate(request(Map.of("decisions/warning/follow-up-actions.drl", "rule \"x\" when then end")));
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(422);
        JsonNode error = json(response).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("/candidate/files/decisions~1warning~1follow-up-actions.drl");
        assertThat(error.get("message").asText()).contains("Java");
    }

    @Test
    void aFileOutsideTheRuleSetAndAFileOverTheLimitAreRefused() throws IOException {
        Response outside = simulate(request(Map.of("dmn/grading/evaluation-grade.dmn", "<definitions/>")));
        assertThat(outside.statusCode()).isEqualTo(422);
        assertThat(json(outside).get("errors").get(0).get("field").asText())
                .isEqualTo("/candidate/files/dmn~1grading~1evaluation-grade.dmn");
        Response large = simulate(request(Map.of(DMN_PATH, " ".repeat(1048577))));
        assertThat(large.statusCode()).isEqualTo(400);
        assertThat(json(large).get("errors").get(0).get("field").asText()).isEqualTo(DMN_POINTER);
    }

    @Test
    void xmlThatIsNotDmnIs422WithTheCompilersMessage() throws IOException {
        Response response = simulate(request(Map.of(DMN_PATH, "<html><body>not a model</body></html>")));
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(422);
        JsonNode error = json(response).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo(DMN_POINTER);
        assertThat(error.get("message").asText()).isNotBlank();
    }

    @Test
    void changedInputsAre422TheContractWouldBreak() throws IOException {
        String retyped = baselineXml().replace(
                "<variable id=\"_mon_timeProgress_var\" name=\"timeProgress\" typeRef=\"tProgress\"/>",
                "<variable id=\"_mon_timeProgress_var\" name=\"timeProgress\" typeRef=\"string\"/>");
        assertThat(retyped).isNotEqualTo(baselineXml());
        Response response = simulate(request(Map.of(DMN_PATH, retyped)));
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(422);
        JsonNode error = json(response).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo(DMN_POINTER);
        assertThat(error.get("message").asText()).contains("timeProgress");
    }

    @Test
    void withoutATokenItIs401AndWithAnotherRole403() throws IOException {
        String body = request(Map.of()).toString();
        assertThat(given().contentType("application/json").body(body).post("/api/v1/simulations").statusCode())
                .isEqualTo(401);
        assertThat(given().header(TestTokens.asAuditor()).contentType("application/json").body(body)
                .post("/api/v1/simulations").statusCode()).isEqualTo(403);
        assertThat(given().header(TestTokens.bearer(TestTokens.token("erp", "decision-client")))
                .get("/api/v1/simulations/samples").statusCode()).isEqualTo(403);
    }

    @Test
    void anInvalidRequestOfTheDatasetIsReportedAndTheOthersAreDecided() throws IOException {
        ObjectNode body = request(Map.of(DMN_PATH, withRedFrom(baselineXml(), 15)));
        ObjectNode dataset = body.putObject("dataset");
        ArrayNode requests = dataset.putArray("requests");
        requests.add(JSON.readTree("{\"asOf\":\"2025-10-31\",\"projects\":[{\"projectId\":\"A\",\"budget\":36500,"
                + "\"executed\":23000,\"directFunds\":false,\"implementationConditionsMet\":true}]}"));
        requests.add(JSON.readTree("{\"asOf\":\"2025-10-31\",\"projects\":[{\"projectId\":\"B\",\"budget\":100,"
                + "\"executed\":101,\"directFunds\":false,\"implementationConditionsMet\":true}]}"));
        requests.add(JSON.readTree("{\"asOf\":\"2025-10-31\",\"projects\":[{\"projectId\":\"C\",\"budget\":100,"
                + "\"executed\":1,\"directFunds\":false,\"implementationConditionsMet\":true,\"colour\":\"red\"}]}"));
        Response response = simulate(body);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        JsonNode comparison = json(response).get("comparison");
        assertThat(comparison.get("requests").asInt()).isEqualTo(3);
        assertThat(comparison.get("evaluated").asInt()).isEqualTo(1);
        // 23000 / 36500 = 63.01 % against 83.29 % of the year: a lag of 20.27 points, RED either way
        assertThat(comparison.get("changed").asInt()).isZero();
        assertThat(comparison.get("rejected")).hasSize(2);
        assertThat(comparison.get("rejected").get(0).get("request").asInt()).isEqualTo(1);
        assertThat(comparison.get("rejected").get(0).get("status").asInt()).isEqualTo(400);
        assertThat(comparison.get("rejected").get(0).get("errors").get(0).get("field").asText())
                .isEqualTo("/projects/0/executed");
        assertThat(comparison.get("rejected").get(1).get("request").asInt()).isEqualTo(2);
        assertThat(comparison.get("rejected").get(1).get("errors").get(0).get("field").asText())
                .isEqualTo("/projects/0/colour");
    }

    @Test
    void aSimulationLeavesTheDeployedRuleSetsAndTheLiveAnswersAsTheyWere() throws IOException {
        String live = sample().get("requests").get(3).toString();
        JsonNode rulesetsBefore = json(given().get("/api/v1/rulesets/" + RULESET));
        JsonNode answerBefore = json(given().contentType("application/json").body(live).post("/api/v1/monitoring/warnings"));

        assertThat(simulate(request(Map.of(DMN_PATH, withRedFrom(baselineXml(), 15)))).statusCode()).isEqualTo(200);

        JsonNode rulesetsAfter = json(given().get("/api/v1/rulesets/" + RULESET));
        JsonNode answerAfter = json(given().contentType("application/json").body(live).post("/api/v1/monitoring/warnings"));
        assertThat(rulesetsAfter).isEqualTo(rulesetsBefore);
        ((ObjectNode) answerBefore).remove("decisionId");
        ((ObjectNode) answerAfter).remove("decisionId");
        assertThat(answerAfter).isEqualTo(answerBefore);
        // the live endpoint still answers with the version in force, never with the simulated candidate
        assertThat(answerAfter.get("ruleset").get("version").asText()).doesNotContain("candidate");
    }

    @Test
    void aDecisionLogRangeReplaysTheLoggedRequestsOfTheRuleSet() throws IOException {
        // a live decision (logged to target/decisions-test.log in the test profile), 17.53 points behind on 31 Oct
        String live = "{\"asOf\":\"2025-10-31\",\"projects\":[{\"projectId\":\"LOG-1\",\"budget\":365000,"
                + "\"executed\":240000,\"directFunds\":false,\"implementationConditionsMet\":true}]}";
        assertThat(given().contentType("application/json").body(live).post("/api/v1/monitoring/warnings").statusCode())
                .isEqualTo(200);
        ObjectNode body = request(Map.of(DMN_PATH, withRedFrom(baselineXml(), 15)));
        String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        body.putObject("dataset").putObject("decisionLog").put("from", today).put("to", today);
        body.put("limit", 1000);
        Response response = simulate(body);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        JsonNode comparison = json(response).get("comparison");
        assertThat(comparison.get("requests").asInt()).isPositive();
        assertThat(comparison.get("changedItems").findValuesAsText("projectId")).contains("LOG-1");
        // a range with no decision: nothing evaluated, not an error
        body.putObject("dataset").putObject("decisionLog").put("from", "2001-01-01").put("to", "2001-12-31");
        JsonNode empty = json(simulate(body)).get("comparison");
        assertThat(empty.get("requests").asInt()).isZero();
        assertThat(empty.get("evaluated").asInt()).isZero();
    }

    @Test
    void theShippedSamplesAreListedAndServed() throws IOException {
        JsonNode list = json(given().header(TestTokens.bearer(TestTokens.token("olga", "policy-officer")))
                .get("/api/v1/simulations/samples"));
        assertThat(list.get(0).get("name").asText()).isEqualTo("warning-100-projects");
        assertThat(list.get(0).get("items").asInt()).isEqualTo(100);
        assertThat(list.get(0).get("endpoint").asText()).isEqualTo("/api/v1/monitoring/warnings");
        assertThat(list.get(0).has("dataset")).isFalse();
        JsonNode one = json(given().header(TestTokens.bearer(TestTokens.token("olga", "policy-officer")))
                .get("/api/v1/simulations/samples/warning-100-projects"));
        assertThat(one.get("dataset").get("requests")).isEqualTo(sample().get("requests"));
        assertThat(given().header(TestTokens.bearer(TestTokens.token("olga", "policy-officer")))
                .get("/api/v1/simulations/samples/none").statusCode()).isEqualTo(404);
    }
}
