package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** Bounded work and bounded resources, with tiny configured limits. */
@QuarkusTest
@TestProfile(LimitsTest.TinyLimits.class)
class LimitsTest {

    public static class TinyLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pbm.admission.max-items", "3",
                    // longer than the idle timeout: a request waiting for admission writes nothing meanwhile
                    "pbm.admission.max-wait", "3s",
                    "pbm.admission.retry-after", "7s",
                    "quarkus.http.idle-timeout", "2s",
                    "pbm.decision-log.max-body-bytes", "300",
                    "pbm.decision-log.file", "target/decisions-limits-test.log");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MONITORING = "{\"asOf\": \"2023-10-31\", \"projects\": ["
            + "{\"projectId\": \"A\", \"projectName\": \"农村道路养护农村道路养护农村道路养护\", \"budget\": 100, \"executed\": 10,"
            + " \"directFunds\": false, \"implementationConditionsMet\": true},"
            + "{\"projectId\": \"B\", \"projectName\": \"农村道路养护农村道路养护农村道路养护\", \"budget\": 100, \"executed\": 90,"
            + " \"directFunds\": false, \"implementationConditionsMet\": true}]}";

    @Inject
    Admission admission;

    /** A fresh connection per call: the server closes a pooled one after the 2 s idle timeout of this profile. */
    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given().header("Connection", "close");
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void beyondTheItemsInFlightA503WithRetryAfter() throws InterruptedException {
        int taken = admission.drain(); // as if other requests were being decided
        try {
            given().contentType("application/json").body(MONITORING).post("/api/v1/monitoring/warnings").then()
                    .statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "7")
                    .body("type", equalTo("urn:pbm:problem:overloaded"));
        } finally {
            admission.release(taken);
        }
        given().contentType("application/json").body(MONITORING).post("/api/v1/monitoring/warnings").then()
                .statusCode(200);
        assertEveryItemGivenBack();
    }

    @Test
    void aRequestLargerThanTheWholeBudgetIsStillDecidedAlone() throws InterruptedException {
        String four = MONITORING.replace("]}", ",{\"projectId\": \"C\", \"budget\": 1, \"executed\": 0,"
                + " \"directFunds\": false, \"implementationConditionsMet\": true},{\"projectId\": \"D\", \"budget\": 1,"
                + " \"executed\": 0, \"directFunds\": false, \"implementationConditionsMet\": true}]}");
        given().contentType("application/json").body(four).post("/api/v1/monitoring/warnings").then()
                .statusCode(200);
        assertEveryItemGivenBack();
    }

    @Test
    void whileIdleConnectionsAreHeldANewCallerIsAnsweredAtOnceAndTheIdleOnesAreClosed() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) { // idle, below the connection limit
                Socket socket = new Socket("localhost", port);
                socket.setSoTimeout(15_000);
                idle.add(socket);
            }
            // answered on the first try, without waiting for the idle timeout to free places
            given().contentType("application/json").body("{\"score\": 85}")
                    .post("/api/v1/grading/evaluation").then().statusCode(200);
            // the server closes each idle connection after the idle timeout (2 s here)
            int closed = 0;
            for (Socket socket : idle) {
                try {
                    if (socket.getInputStream().read() < 0) {
                        closed++;
                    }
                } catch (IOException e) {
                    closed++;
                }
            }
            assertThat(closed).isEqualTo(300);
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @Test
    void aRequestUnderWayIsNotCutOffByTheIdleTimeout() throws Exception {
        int taken = admission.drain(); // the request waits 3 s for admission, writing nothing: longer than the 2 s timeout
        String answer;
        long start = System.nanoTime();
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            byte[] body = MONITORING.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST /api/v1/monitoring/warnings HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            byte[] head = new byte[12];
            int n = socket.getInputStream().readNBytes(head, 0, 12);
            answer = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        } finally {
            admission.release(taken);
        }
        assertThat(answer).as("an answer, not a connection closed by the idle timeout").isEqualTo("HTTP/1.1 503");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(2_900);
    }

    @Test
    void aLineKeepsOnlyTheHashOfALargeBodyAndReplaySaysSoOrReplaysFromTheOriginal() throws Exception {
        Path log = Path.of("target/decisions-limits-test.log");
        long start = Files.exists(log) ? Files.size(log) : 0;
        String id = given().contentType("application/json").body(MONITORING).post("/api/v1/monitoring/warnings")
                .then().statusCode(200).extract().path("decisionId");
        ObjectNode line = lineOf(log, start, id);
        assertThat(line).isNotNull();
        assertThat(line.has("input")).isFalse();
        assertThat(line.has("output")).isFalse();
        assertThat(line.get("omitted").toString()).contains("input", "output", "explanation");
        assertThat(line.has("explanation")).isFalse();

        given().header(cn.pbm.security.TestTokens.bearer(cn.pbm.security.TestTokens.token("auditor-in-test", "auditor"))).contentType("application/json").body(line.toString()).post("/api/v1/decisions/replay").then()
                .statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:pbm:problem:input-not-kept"))
                .body("errors.field", hasItem("/input"));

        line.set("input", JSON.readTree(MONITORING)); // the auditor's copy of the original request
        given().header(cn.pbm.security.TestTokens.bearer(cn.pbm.security.TestTokens.token("auditor-in-test", "auditor"))).contentType("application/json").body(line.toString()).post("/api/v1/decisions/replay").then()
                .statusCode(200).body("result", equalTo("MATCH"));

        ((ObjectNode) line.get("input").get("projects").get(0)).put("executed", 11);
        given().header(cn.pbm.security.TestTokens.bearer(cn.pbm.security.TestTokens.token("auditor-in-test", "auditor"))).contentType("application/json").body(line.toString()).post("/api/v1/decisions/replay").then()
                .statusCode(400).body("errors.field", hasItem("/input"));
    }

    /**
     * Five projects: five matched tables or more, each over 64 bytes of JSON, cannot fit the 300-byte bound, so
     * the explanation only the log wanted is not collected at all; the line says "omitted" exactly as when the log
     * measured it (the two-project line above).
     */
    @Test
    void anExplanationCertainlyOverTheBoundIsNotCollectedAndTheLineSaysOmitted() throws Exception {
        Path log = Path.of("target/decisions-limits-test.log");
        long start = Files.exists(log) ? Files.size(log) : 0;
        StringBuilder body = new StringBuilder("{\"asOf\": \"2023-10-31\", \"projects\": [");
        for (int i = 0; i < 5; i++) {
            body.append(i == 0 ? "" : ",").append("{\"projectId\": \"P").append(i)
                    .append("\", \"budget\": 100, \"executed\": ").append(i * 20)
                    .append(", \"directFunds\": false, \"implementationConditionsMet\": true}");
        }
        body.append("]}");
        String id = given().contentType("application/json").body(body.toString()).post("/api/v1/monitoring/warnings")
                .then().statusCode(200).extract().path("decisionId");
        JsonNode line = lineOf(log, start, id);
        assertThat(line).isNotNull();
        assertThat(line.has("explanation")).isFalse();
        assertThat(line.get("omitted").toString()).isEqualTo("[\"input\",\"output\",\"explanation\"]");

        // asked for, the explanation is collected and answered whole, whatever the log keeps
        given().contentType("application/json").body(body.toString()).post("/api/v1/monitoring/warnings?explain=true")
                .then().statusCode(200).body("explanation.tables.size()", org.hamcrest.Matchers.greaterThan(5));
    }

    /** The decision-log line of {@code id}, written after byte {@code start} of {@code log}, or null. */
    private static ObjectNode lineOf(Path log, long start, String id) throws IOException {
        try (FileChannel channel = FileChannel.open(log)) {
            channel.position(start);
            for (String text : new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8)
                    .lines().toList()) {
                JsonNode node = JSON.readTree(text);
                if (id.equals(node.path("decisionId").asText())) {
                    return (ObjectNode) node;
                }
            }
        }
        return null;
    }

    /**
     * Every item is given back when its request ends, which is just after the answer is written: the client may read
     * the answer a moment before, so wait for it (up to 5 s) instead of reading the count at once.
     */
    private void assertEveryItemGivenBack() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (admission.available() != 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(admission.available()).isEqualTo(3);
    }
}
