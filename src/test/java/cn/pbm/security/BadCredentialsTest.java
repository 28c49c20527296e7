package cn.pbm.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A token the service cannot trust is refused with 401 and a problem+json body, on closed and open operations
 * alike (a token that is sent is verified), and leaves no warning, error or stack trace in the log.
 */
@QuarkusTest
class BadCredentialsTest {

    static final String REPLAY_BODY = "{\"decisionId\": \"00000000-0000-4000-8000-000000000000\","
            + " \"endpoint\": \"/api/v1/grading/evaluation\", \"rulesets\": [], \"input\": {\"score\": 85},"
            + " \"output\": {}}";

    @TestHTTPResource("/")
    URI base;

    @TestFactory
    Stream<DynamicTest> eachBadTokenIsRefusedWith401ProblemJsonAndNoStackTrace() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, String> bad : TestTokens.badTokens().entrySet()) {
            for (String[] call : List.of(
                    new String[] {"POST", "/api/v1/decisions/replay", REPLAY_BODY},
                    new String[] {"POST", "/api/v1/grading/evaluation", "{\"score\": 85}"},
                    new String[] {"GET", "/api/v1/rulesets", null})) {
                tests.add(DynamicTest.dynamicTest(bad.getKey() + " › " + call[0] + " " + call[1], () -> {
                    try (LogCapture log = new LogCapture()) {
                        var request = given().header(TestTokens.bearer(bad.getValue()));
                        if (call[2] != null) {
                            request.contentType("application/json").body(call[2]);
                        }
                        request.request(call[0], call[1]).then()
                                .statusCode(401)
                                .contentType("application/problem+json")
                                .header("WWW-Authenticate", startsWith("Bearer"))
                                .body("type", equalTo("urn:pbm:problem:unauthorized"))
                                .body("status", equalTo(401));
                        assertThat(log.troubles()).isEmpty();
                    }
                }));
            }
        }
        return tests.stream();
    }

    /** 10,000 refused tokens in a row, then the service still answers a decision client and an auditor. */
    @Test
    void tenThousandBadAttemptsLeaveTheServiceAnswering() throws Exception {
        List<String> bad = List.copyOf(TestTokens.badTokens().values());
        HttpClient client = HttpClient.newHttpClient();
        URI replay = base.resolve("/api/v1/decisions/replay");
        URI decision = base.resolve("/api/v1/grading/evaluation");
        int refused = 0;
        long start = System.nanoTime();
        try (LogCapture log = new LogCapture()) {
            for (int attempt = 0; attempt < 10_000; attempt++) {
                boolean onReplay = attempt % 2 == 0;
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(onReplay ? replay : decision)
                        .header("Authorization", "Bearer " + bad.get(attempt % bad.size()))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(onReplay ? REPLAY_BODY : "{\"score\": 85}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 401) {
                    refused++;
                }
            }
            System.out.printf("10,000 bad-token attempts answered 401 in %d ms%n", (System.nanoTime() - start) / 1_000_000);
            assertThat(refused).isEqualTo(10_000);
            assertThat(log.troubles()).isEmpty();
        }

        DecisionLogLines lines = new DecisionLogLines();
        String id = given().header(TestTokens.bearer(TestTokens.token("erp-system", "decision-client")))
                .contentType("application/json").body("{\"score\": 85}")
                .post("/api/v1/grading/evaluation").then().statusCode(200).body("grade", equalTo("GOOD"))
                .extract().path("decisionId");
        given().header(TestTokens.asAuditor()).contentType("application/json").body(lines.raw(id))
                .post("/api/v1/decisions/replay").then().statusCode(200).body("result", equalTo("MATCH"));
    }
}
