package cn.pbm.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.pbm.security.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 19: the decision-log line keeps a compact explanation (per table the rule set, decision and matched rows;
 * per fired rule the rule set and name), and the replay of the line with {@code ?explain=true} gives back the full
 * explanation, citations and input values included, exactly as {@code ?explain=true} gave it at decision time.
 */
@QuarkusTest
class CompactLogExplanationTest {

    /** Amounts read and written as the text they are (1000000.00 stays so, and the line still hashes to its input). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
    private static final String MONITORING = "{\"asOf\": \"2023-10-31\", \"projects\": [{\"projectId\": \"XY-2023-0001\","
            + " \"projectName\": \"农村道路养护\", \"department\": \"县交通运输局\", \"budget\": 1000000.00,"
            + " \"executed\": %s, \"directFunds\": true, \"implementationConditionsMet\": true,"
            + " \"targets\": [{\"name\": \"养护里程（公里）\", \"direction\": \"AT_LEAST\", \"expected\": 100, \"actual\": 40}]}]}";
    private long logStart;

    @BeforeEach
    void markTheLog() throws Exception {
        logStart = TestDecisionLog.end();
    }

    private JsonNode logLine(String decisionId) throws Exception {
        return JSON.readTree(TestDecisionLog.lineOf(logStart, decisionId));
    }

    private static JsonNode decide(String endpoint, String body) throws Exception {
        return JSON.readTree(given().contentType("application/json").body(body).post(endpoint).then().statusCode(200)
                .extract().asString());
    }

    /** The compact form, built here from a full explanation independently of the service's writer. */
    private static JsonNode compact(JsonNode full) {
        ObjectNode compact = JSON.createObjectNode();
        ArrayNode tables = compact.putArray("tables");
        for (JsonNode table : full.get("tables")) {
            ObjectNode kept = tables.addObject();
            kept.set("ruleset", table.get("ruleset"));
            kept.set("decision", table.get("decision"));
            kept.set("matchedRows", table.get("matchedRows"));
        }
        ArrayNode rules = compact.putArray("rules");
        for (JsonNode rule : full.get("rules")) {
            ObjectNode kept = rules.addObject();
            kept.set("ruleset", rule.get("ruleset"));
            kept.set("name", rule.get("name"));
        }
        return compact;
    }

    private static JsonNode replay(JsonNode line, boolean explain) throws Exception {
        return JSON.readTree(given().header(TestTokens.asAuditor()).contentType("application/json")
                .body(line.toString()).post("/api/v1/decisions/replay" + (explain ? "?explain=true" : ""))
                .then().statusCode(200).extract().asString());
    }

    @Test
    void aMonitoringLineIsCompactAndItsReplayGivesTheFullExplanationBack() throws Exception {
        for (String executed : List.of("0", "123456.78")) { // the second: amounts this test has not sent before
            String body = MONITORING.formatted(executed);
            JsonNode explained = decide("/api/v1/monitoring/warnings?explain=true", body);
            JsonNode full = explained.get("explanation");
            assertThat(full.get("tables")).isNotEmpty();
            assertThat(full.get("rules")).isNotEmpty();
            assertThat(full.get("tables").get(0).get("rows").get(0).get("annotation").asText()).isNotBlank();

            // the explained call's own line keeps the compact form of what it answered
            JsonNode explainedLine = logLine(explained.get("decisionId").asText());
            assertThat(explainedLine.get("explanation")).isEqualTo(compact(full));

            // a call that did not ask: the same compact explanation in its line
            JsonNode plain = decide("/api/v1/monitoring/warnings", body);
            assertThat(plain.has("explanation")).isFalse();
            JsonNode line = logLine(plain.get("decisionId").asText());
            assertThat(line.get("explanation")).isEqualTo(compact(full));
            String text = line.toString();
            for (String gone : List.of("\"rows\"", "\"annotation\"", "\"decisionLabel\"", "\"description\"")) {
                assertThat(text).as("the line leaves %s to the replay", gone).doesNotContain(gone);
            }

            // the replay with ?explain=true: MATCH, and the full explanation as the decision-time ?explain=true gave it
            JsonNode replayed = replay(line, true);
            assertThat(replayed.get("result").asText()).isEqualTo("MATCH");
            assertThat(replayed.get("explanation")).isEqualTo(full);
            assertThat(replay(explainedLine, true).get("explanation")).isEqualTo(full);

            // without ?explain the replay answers as before, without an explanation
            JsonNode bare = replay(line, false);
            assertThat(bare.get("result").asText()).isEqualTo("MATCH");
            assertThat(bare.has("explanation") && !bare.get("explanation").isNull()).isFalse();
        }
    }

    @Test
    void aGradingLineIsCompactAndItsReplayGivesTheCitationBack() throws Exception {
        JsonNode explained = decide("/api/v1/grading/evaluation?explain=true", "{\"score\": 85}");
        JsonNode line = logLine(decide("/api/v1/grading/evaluation", "{\"score\": 85}").get("decisionId").asText());
        assertThat(line.get("explanation")).isEqualTo(compact(explained.get("explanation")));
        assertThat(line.get("explanation").get("tables").get(0).get("matchedRows").toString()).isEqualTo("[2]");
        JsonNode replayed = replay(line, true);
        assertThat(replayed.get("result").asText()).isEqualTo("MATCH");
        assertThat(replayed.get("explanation")).isEqualTo(explained.get("explanation"));
        assertThat(replayed.at("/explanation/tables/0/rows/0/annotation").asText()).contains("财预〔2020〕10号");
    }
}
