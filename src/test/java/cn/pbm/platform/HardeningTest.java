package cn.pbm.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;

/** Issue 21: each finding of the hostile-caller run, reproduced and answered without a 500. */
@QuarkusTest
class HardeningTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DISCLOSURE_EXAMPLE = """
            {"asOf": "2025-10-10", "items": [
              {"itemId": "D1", "kind": "BUDGET_TARGETS_PUBLICATION", "triggerDate": "2025-09-15", "classified": false, "completedOn": null},
              {"itemId": "D2", "kind": "SELF_EVALUATION_PUBLICATION", "triggerDate": "2020-12-31", "classified": false}]}""";

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private long logStart;

    @BeforeEach
    void markTheLog() throws Exception {
        logStart = TestDecisionLog.end();
    }

    private ObjectNode logLine(String decisionId) throws Exception {
        return (ObjectNode) JSON.readTree(TestDecisionLog.lineOf(logStart, decisionId));
    }

    private static String decide(String endpoint, String body) {
        return given().contentType("application/json").body(body).post(endpoint).then().statusCode(200)
                .extract().path("decisionId");
    }

    private static io.restassured.response.ValidatableResponse replay(JsonNode line) {
        return given().header(cn.pbm.security.TestTokens.bearer(cn.pbm.security.TestTokens.token("auditor-in-test", "auditor"))).contentType("application/json").body(line.toString()).post("/api/v1/decisions/replay").then();
    }

    // --- 1. 500s ---

    @Test
    void nullListsOnBudgetAdjustmentsAreRefusedByName() {
        for (String list : List.of("projects", "departments")) {
            given().contentType("application/json").body("{\"budgetYear\": 2025, \"" + list + "\": null}")
                    .post("/api/v1/budget-adjustments").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("/" + list));
        }
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1 << 16];
            int n = in.read(buffer); // the status line and headers come in the first read
            return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8);
        }
    }

    @Test
    void anHttp10RequestWithoutHostIsDecided() throws Exception {
        String answer = raw("POST /api/v1/grading/evaluation HTTP/1.0\r\nContent-Type: application/json\r\n"
                + "Content-Length: 12\r\n\r\n{\"score\":85}");
        assertThat(answer).startsWith("HTTP/1.0 200").contains("\"grade\":\"GOOD\"");
    }

    // --- 2 + 3. Replay ---

    @Test
    void theReadmeDisclosureExampleReplaysToAMatchWithBothVersionsOfItsRuleSet() throws Exception {
        String id = decide("/api/v1/disclosure/deadlines", DISCLOSURE_EXAMPLE);
        ObjectNode line = logLine(id);
        java.util.Set<String> disclosureVersions = new java.util.HashSet<>();
        line.get("rulesets").forEach(r -> {
            if (r.get("id").asText().equals("disclosure.deadlines")) {
                disclosureVersions.add(r.get("version").asText());
            }
        });
        assertThat(disclosureVersions).as("a 2025 item and a 2020 item are decided by two versions").hasSize(2);
        replay(line).statusCode(200).body("result", equalTo("MATCH"));
    }

    @Test
    void aReplayRequiresTheRuleSetPins() throws Exception {
        ObjectNode line = logLine(decide("/api/v1/grading/evaluation", "{\"score\": 85}"));
        ObjectNode withoutPins = line.deepCopy();
        withoutPins.remove("rulesets");
        replay(withoutPins).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("/rulesets"));
        ObjectNode emptyPins = line.deepCopy();
        emptyPins.putArray("rulesets");
        replay(emptyPins).statusCode(400).body("errors.field", hasItem("/rulesets"));
        ObjectNode nullPin = line.deepCopy();
        ((ArrayNode) nullPin.get("rulesets")).addNull();
        replay(nullPin).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("/rulesets/1"));
    }

    @Test
    void aReplayHoldsTheLineToItsShape() throws Exception {
        ObjectNode line = logLine(decide("/api/v1/grading/evaluation", "{\"score\": 85}"));
        ObjectNode spaced = line.deepCopy();
        spaced.put("decisionId", line.get("decisionId").asText() + " ");
        replay(spaced).statusCode(400).body("errors.field", hasItem("/decisionId"));
        ObjectNode numericTime = line.deepCopy();
        numericTime.put("timestamp", 5);
        replay(numericTime).statusCode(400).body("errors.field", hasItem("/timestamp"));
        ObjectNode nullError = line.deepCopy();
        nullError.putArray("errors").addNull();
        replay(nullError).statusCode(400).body("errors.field", hasItem("/errors/0"));
    }

    @Test
    void aReplayedInputIsValidatedAsLiveNamingThePointerInsideInput() throws Exception {
        ObjectNode line = logLine(decide("/api/v1/disclosure/deadlines", DISCLOSURE_EXAMPLE));
        line.remove("inputSha256"); // an edited line, as an auditor might try it
        ObjectNode input = (ObjectNode) line.get("input");
        ObjectNode ancient = line.deepCopy();
        ((ObjectNode) ancient.get("input")).put("asOf", "0000-01-01");
        ((ObjectNode) ancient.get("input").get("items").get(0)).put("triggerDate", "0000-01-01");
        ((ObjectNode) ancient.get("input").get("items").get(1)).put("triggerDate", "0000-01-01");
        String live = given().contentType("application/json").body(ancient.get("input").toString())
                .post("/api/v1/disclosure/deadlines").then().statusCode(422).extract().path("type");
        replay(ancient).statusCode(422).contentType("application/problem+json").body("type", equalTo(live))
                .body("errors.field", hasItem(startsWith("/input/items/")));

        ((ObjectNode) input.get("items").get(0)).put("classified", "no");
        replay(line).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("/input/items/0/classified"))
                .body("errors.message", not(hasItem(containsString("java."))))
                .body("errors.message", not(hasItem(containsString("cn.pbm"))));

        ((ObjectNode) input.get("items").get(0)).put("classified", false);
        input.put("asOf", "2025-10-10T00:00:00Z");
        replay(line).statusCode(400).body("errors.field", hasItem("/input/asOf"));
    }

    @Test
    void aReplayOfAnEditedInputIsRefusedByItsHash() throws Exception {
        ObjectNode line = logLine(decide("/api/v1/grading/evaluation", "{\"score\": 85}"));
        assertThat(line.path("inputSha256").asText()).hasSize(64);
        ((ObjectNode) line.get("input")).put("score", 86);
        replay(line).statusCode(400).body("errors.field", hasItem("/input"));
    }

    // --- 4. Dates ---

    @Test
    void aDateIsYyyyMmDdAndNothingElse() {
        for (String date : List.of(" 2023-10-31", "2023-10-31\\n", "2023-01-01T00:00:00Z", "+10000-01-01",
                "2023-02-30", "2023-1-01")) {
            given().contentType("application/json").body("{\"asOf\": \"" + date + "\", \"projects\": [{\"projectId\":"
                    + " \"A\", \"budget\": 100, \"executed\": 10, \"directFunds\": false,"
                    + " \"implementationConditionsMet\": true}]}")
                    .post("/api/v1/monitoring/warnings").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("/asOf"))
                    .body("errors.message", hasItem(containsString("yyyy-MM-dd")));
        }
    }

    // --- 5. Protocol ---

    @Test
    void explainIsTrueOrFalseOnly() {
        for (String value : List.of("TRUE", "1", "maybe", "")) {
            given().contentType("application/json").body("{\"score\": 85}").queryParam("explain", value)
                    .post("/api/v1/grading/evaluation").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("?explain"));
        }
        given().contentType("application/json").body("{\"score\": 85}").queryParam("explain", "false")
                .post("/api/v1/grading/evaluation").then().statusCode(200);
    }

    @Test
    void aBodyWithoutContentTypeIs415() throws Exception {
        String answer = raw("POST /api/v1/grading/evaluation HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-Length: 12\r\n\r\n{\"score\":85}");
        assertThat(answer).startsWith("HTTP/1.1 415").containsIgnoringCase("content-type: application/problem+json");
    }

    @Test
    void acceptingProblemJsonDoesNotRelabelASuccess() {
        given().contentType("application/json").accept("application/problem+json").body("{\"score\": 85}")
                .post("/api/v1/grading/evaluation").then()
                .statusCode(200).contentType(startsWith("application/json"));
    }

    /**
     * One whole answer from a raw socket: the head, then as many body bytes as its Content-Length says (or up to
     * the end of the stream). A writer that is refused mid-body goes on in its own thread.
     */
    private String answer(String head, java.util.function.Consumer<OutputStream> body) throws Exception {
        ConnectionLimitTest.ensureWatched(port); // the handler that writes these problems is on every watched connection
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread writer = new Thread(() -> body.accept(out));
            writer.setDaemon(true);
            writer.start();
            InputStream in = socket.getInputStream();
            java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int end = -1;
            long length = -1;
            for (int n; (n = in.read(buffer)) >= 0;) {
                read.write(buffer, 0, n);
                String text = read.toString(StandardCharsets.ISO_8859_1);
                if (end < 0 && (end = text.indexOf("\r\n\r\n")) >= 0) {
                    var matcher = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(text.substring(0, end));
                    length = matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
                }
                if (end >= 0 && length >= 0 && read.size() >= end + 4 + length) {
                    break;
                }
            }
            return read.toString(StandardCharsets.UTF_8);
        }
    }

    private String answer(String request) throws Exception {
        return answer(request, out -> { });
    }

    /** The answer is a problem of the HTTP layer with this status, body and Content-Length in agreement. */
    private static void assertProblem(String answer, int status) {
        assertThat(answer).matches("(?s)HTTP/1\\.[01] " + status + " .*").containsIgnoringCase("content-type: application/problem+json");
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(body).contains("\"type\":\"urn:pbm:problem:http-" + status + "\"", "\"status\":" + status,
                "\"title\":", "\"detail\":");
        assertThat(answer).containsIgnoringCase("content-length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n");
    }

    @Test
    void aBadPercentEscapeIsAProblem() throws Exception {
        assertProblem(answer("POST /api/v1/grading/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: 12\r\n\r\n{\"score\":85}"), 400);
        assertProblem(answer("POST /api/v1/grading/evaluation?explain=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: 12\r\n\r\n{\"score\":85}"), 400);
    }

    @Test
    void twoContentLengthsAreAProblem() throws Exception {
        assertProblem(answer("POST /api/v1/grading/evaluation HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 12\r\nContent-Length: 13\r\n\r\n{\"score\":85}"), 400);
    }

    @Test
    void aRequestLineOver8KbIsA414Problem() throws Exception {
        assertProblem(answer("GET /api/v1/grading/evaluation?x=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n"), 414);
    }

    @Test
    void headersTooLargeAreA431Problem() throws Exception {
        assertProblem(answer("POST /api/v1/grading/evaluation HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(40_000)
                + "\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n{\"score\":85}"), 431);
    }

    @Test
    void aChunkedBodyOverTheLimitIsA413Problem() throws Exception {
        byte[] chunk = (Integer.toHexString(1 << 20) + "\r\n" + " ".repeat(1 << 20) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertProblem(answer("POST /api/v1/grading/evaluation HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n", out -> {
                    try {
                        for (int i = 0; i < 70; i++) { // 70 MB, over the 64M limit
                            out.write(chunk);
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    } catch (java.io.IOException e) {
                        // refused mid-body: expected
                    }
                }), 413);
    }

    @Test
    void aHeadRequestRefusedByTheCodecGetsNoBody() throws Exception {
        String answer = answer("HEAD /api/v1/grading/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").endsWith("\r\n\r\n");
    }

    @Test
    void aUriOver4KbIsA414Problem() throws Exception {
        String answer = raw("POST /api/v1/grading/evaluation?explain=false&x=" + "a".repeat(5000) + " HTTP/1.1\r\n"
                + "Host: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n"
                + "{\"score\":85}");
        assertThat(answer).startsWith("HTTP/1.1 414").containsIgnoringCase("content-type: application/problem+json")
                .contains("\"status\":414");
    }

    // --- 6. h2c ---

    @Test
    void anH2cUpgradeWithALargeBodyIsAnsweredOverHttp11() throws Exception {
        StringBuilder body = new StringBuilder("{\"asOf\": \"2023-10-31\", \"projects\": [");
        for (int i = 0; i < 5000; i++) {
            body.append(i == 0 ? "" : ",").append("{\"projectId\": \"P").append(i).append("\", \"projectName\": \"")
                    .append("农村道路养护".repeat(20)).append("\", \"budget\": 100, \"executed\": 10,"
                            + " \"directFunds\": false, \"implementationConditionsMet\": true}");
        }
        byte[] bytes = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isGreaterThan(1_000_000);
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/monitoring/warnings HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                    + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            byte[] head = new byte[12];
            int n = socket.getInputStream().readNBytes(head, 0, 12);
            assertThat(new String(head, 0, n, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 200");
        }
    }

    // --- 9. The decision log ---

    @Test
    void lineSeparatorsAreEscapedInTheLog() throws Exception {
        String id = decide("/api/v1/monitoring/warnings", "{\"asOf\": \"2023-10-31\", \"projects\": [{\"projectId\":"
                + " \"A\u2028B\u2029C\u0085D\", \"budget\": 100, \"executed\": 10, \"directFunds\": false,"
                + " \"implementationConditionsMet\": true}]}");
        String text = String.join("\n", TestDecisionLog.linesAfter(logStart)); // lines end at \n only
        assertThat(text).contains(id).doesNotContain("\u2028").doesNotContain("\u2029").doesNotContain("\u0085")
                .contains("A\\u2028B\\u2029C\\u0085D");
    }
}
