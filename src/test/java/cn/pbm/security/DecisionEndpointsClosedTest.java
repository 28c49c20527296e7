package cn.pbm.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** {@code pbm.security.decision-endpoints=authenticated}: only decision clients may call the decision endpoints. */
@QuarkusTest
@TestProfile(DecisionEndpointsClosedTest.Closed.class)
class DecisionEndpointsClosedTest {

    public static class Closed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pbm.security.decision-endpoints", "authenticated");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOperationAnswersEveryCallerAsTheMatrixSays() {
        return AccessMatrix.check("authenticated");
    }

    @Test
    void aCallWithoutCredentialsIsAnswered401AsProblemJson() {
        given().contentType("application/json").body("{\"score\": 85}")
                .post("/api/v1/grading/evaluation").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:pbm:problem:unauthorized"))
                .body("status", equalTo(401));
    }

    @Test
    void anAuditorIsAnswered403AsProblemJson() {
        given().header(TestTokens.asAuditor()).contentType("application/json").body("{\"score\": 85}")
                .post("/api/v1/grading/evaluation").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pbm:problem:forbidden"))
                .body("status", equalTo(403));
    }

    /**
     * An auditor may not call a decision endpoint, but may replay what a decision client decided: the replay
     * re-evaluates in process, it is not a new call of the endpoint.
     */
    @Test
    void anAuditorReplaysADecisionClientsDecision() {
        DecisionLogLines log = new DecisionLogLines();
        String id = given().header(TestTokens.bearer(TestTokens.token("erp-system", "decision-client")))
                .contentType("application/json").body("{\"score\": 85}")
                .post("/api/v1/grading/evaluation").then().statusCode(200).extract().path("decisionId");
        JsonNode caller = log.line(id).path("caller");
        assertThat(caller.path("principal").asText()).isEqualTo("erp-system");
        assertThat(caller.path("role").asText()).isEqualTo("decision-client");

        given().header(TestTokens.asAuditor()).contentType("application/json").body(log.raw(id))
                .post("/api/v1/decisions/replay").then()
                .statusCode(200)
                .body("result", equalTo("MATCH"));
    }
}
