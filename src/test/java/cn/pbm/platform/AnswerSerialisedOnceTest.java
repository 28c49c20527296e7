package cn.pbm.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Issue 19: an answer is serialised once. The decision log's copy of the answer is written as the HTTP body when
 * the two are the same bytes, so the line keeps the very answer the caller got, byte for byte. An answer with a
 * character only the log escapes (U+2028, U+0085) and an answer with {@code ?explain=true} (its explanation is not
 * in the line) are serialised for HTTP on their own, as before; both still match the line byte for byte but for
 * the log's escapes and the explanation.
 */
@QuarkusTest
class AnswerSerialisedOnceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String body(String projectId) {
        return "{\"asOf\": \"2023-10-31\", \"projects\": [{\"projectId\": \"" + projectId + "\", \"projectName\": "
                + "\"农村道路养护\", \"department\": \"县交通运输局\", \"budget\": 1000000.00, \"executed\": 0, "
                + "\"directFunds\": true, \"implementationConditionsMet\": true, \"forecastYearEndExecuted\": 250000.50,"
                + " \"targets\": [{\"name\": \"养护里程（公里）\", \"direction\": \"AT_LEAST\", \"expected\": 100, "
                + "\"actual\": 40}]}]}";
    }

    private Response post(String path, String body) {
        Response response = given().contentType("application/json").body(body).post(path);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/json;charset=UTF-8"); // as before issue 19
        return response;
    }

    /** The raw decision-log line of a decision, as written. */
    private static String logLine(long from, String decisionId) throws Exception {
        return TestDecisionLog.lineOf(from, decisionId);
    }

    /** The answer as the line keeps it, its JSON text as written (the explanation, kept, follows it). */
    private static String rawOutput(String line) {
        int start = line.indexOf(",\"output\":") + ",\"output\":".length();
        int end = line.indexOf(",\"explanation\":{", start);
        assertThat(start).isGreaterThan(",\"output\":".length());
        assertThat(end).isGreaterThan(start);
        return line.substring(start, end);
    }

    private static long logSize() {
        return TestDecisionLog.end();
    }

    @Test
    void theBodyIsTheLinesOutputByteForByte() throws Exception {
        long from = logSize();
        Response response = post("/api/v1/monitoring/warnings", body("XY-2023-0001"));
        String body = new String(response.asByteArray(), StandardCharsets.UTF_8);
        JsonNode answer = JSON.readTree(body);
        assertThat(answer.path("results").get(0).path("actions")).isNotEmpty();
        assertThat(answer.has("explanation")).isFalse();
        String line = logLine(from, answer.path("decisionId").asText());
        assertThat(rawOutput(line)).as("the caller and the log have the very same answer").isEqualTo(body);
        assertThat(JSON.readTree(line).has("explanation")).as("the log's own explanation").isTrue();
    }

    @Test
    void aCharacterOnlyTheLogEscapesIsWrittenPlainInTheBody() throws Exception {
        long from = logSize();
        Response response = post("/api/v1/monitoring/warnings", body("XY\u20282023\u0085-0001"));
        String body = new String(response.asByteArray(), StandardCharsets.UTF_8);
        assertThat(body).contains("XY\u20282023\u0085-0001").doesNotContain("\\u2028");
        JsonNode answer = JSON.readTree(body);
        String line = logLine(from, answer.path("decisionId").asText());
        assertThat(line).doesNotContain("\u2028").doesNotContain("\u0085");
        assertThat(rawOutput(line)).contains("XY\\u20282023\\u0085-0001");
        assertThat(rawOutput(line).replace("\\u2028", "\u2028").replace("\\u0085", "\u0085"))
                .as("the body is the mapper's own writing: the line's output without the log's escapes")
                .isEqualTo(body);
    }

    @Test
    void anExplainedAnswerCarriesItsExplanationTheLineDoesNot() throws Exception {
        long from = logSize();
        Response response = post("/api/v1/monitoring/warnings?explain=true", body("XY-2023-0002"));
        String body = new String(response.asByteArray(), StandardCharsets.UTF_8);
        JsonNode answer = JSON.readTree(body);
        assertThat(answer.path("explanation").path("rules")).isNotEmpty();
        String raw = logLine(from, answer.path("decisionId").asText());
        JsonNode line = JSON.readTree(raw);
        assertThat(line.get("output").has("explanation")).isFalse();
        // the line keeps the compact form of the explanation the answer carries (CompactLogExplanationTest)
        assertThat(line.at("/explanation/tables/0/decision")).isEqualTo(answer.at("/explanation/tables/0/decision"));
        assertThat(line.at("/explanation/tables/0/matchedRows")).isEqualTo(answer.at("/explanation/tables/0/matchedRows"));
        assertThat(line.at("/explanation/rules").size()).isEqualTo(answer.at("/explanation/rules").size());
        String logged = rawOutput(raw);
        assertThat(body).as("the answer as logged, then its explanation")
                .startsWith(logged.substring(0, logged.length() - 1) + ",\"explanation\":");
    }
}
