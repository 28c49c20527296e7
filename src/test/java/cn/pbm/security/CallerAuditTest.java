package cn.pbm.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

/** Each decision-log line records who called: the principal and the role that admits them, or anonymous. */
@QuarkusTest
class CallerAuditTest {

    private static String decide(String token) {
        var request = given().contentType("application/json").body("{\"score\": 85}");
        if (token != null) {
            request.header(TestTokens.bearer(token));
        }
        return request.post("/api/v1/grading/evaluation").then().statusCode(200).extract().path("decisionId");
    }

    @Test
    void aDecisionClientsCallNamesItsPrincipalAndRoleAndNeverTheToken() {
        DecisionLogLines log = new DecisionLogLines();
        String token = TestTokens.token("erp-system", "decision-client");
        String id = decide(token);

        JsonNode caller = log.line(id).path("caller");
        assertThat(caller.path("anonymous").asBoolean()).isFalse();
        assertThat(caller.path("principal").asText()).isEqualTo("erp-system");
        assertThat(caller.path("role").asText()).isEqualTo("decision-client");
        String raw = log.raw(id);
        assertThat(raw).doesNotContain(token);
        assertThat(raw).doesNotContain(token.substring(0, token.indexOf('.'))); // not even the header segment
        assertThat(raw).doesNotContain(token.substring(token.lastIndexOf('.') + 1)); // nor the signature
    }

    @Test
    void aCallWithoutCredentialsIsAnonymous() {
        DecisionLogLines log = new DecisionLogLines();
        String id = decide(null);

        JsonNode caller = log.line(id).path("caller");
        assertThat(caller.path("anonymous").asBoolean()).isTrue();
        assertThat(caller.has("principal")).isFalse();
        assertThat(caller.has("role")).isFalse();
    }

    /** Decision endpoints are open by default: an auditor's call is let in without a role, and says so. */
    @Test
    void anOpenCallByAnotherRoleNamesThePrincipalWithoutARole() {
        DecisionLogLines log = new DecisionLogLines();
        String id = decide(TestTokens.token("zhang.san", "auditor"));

        JsonNode caller = log.line(id).path("caller");
        assertThat(caller.path("principal").asText()).isEqualTo("zhang.san");
        assertThat(caller.has("role")).isFalse();
    }

    /** A rejected request is logged with its caller too. */
    @Test
    void aRejectedRequestNamesItsCaller() {
        DecisionLogLines log = new DecisionLogLines();
        given().header(TestTokens.bearer(TestTokens.token("erp-system", "decision-client")))
                .contentType("application/json").body("{\"score\": 101}")
                .post("/api/v1/grading/evaluation").then().statusCode(400);

        JsonNode line = log.all().stream().filter(l -> l.path("status").asInt() == 400).findFirst().orElseThrow();
        assertThat(line.path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(line.path("caller").path("principal").asText()).isEqualTo("erp-system");
    }

    /** A logged line with its caller is still a valid replay input (the contract knows the field). */
    @Test
    void aLineWithItsCallerReplays() {
        DecisionLogLines log = new DecisionLogLines();
        String id = decide(TestTokens.token("erp-system", "decision-client"));

        given().header(TestTokens.asAuditor()).contentType("application/json").body(log.raw(id))
                .post("/api/v1/decisions/replay").then()
                .statusCode(200)
                .body("result", equalTo("MATCH"));
    }
}
