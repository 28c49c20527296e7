package cn.pbm.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import cn.pbm.platform.MintToken;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The service on its defaults, with no verification key configured: it starts, decisions and rule sets are
 * open, and every closed operation answers 401 to everyone (no token can be verified), quietly.
 */
@QuarkusTest
@TestProfile(NoKeyConfiguredTest.NoKey.class)
class NoKeyConfiguredTest {

    public static class NoKey implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true; // no TestTokens: no mp.jwt.verify.publickey.location
        }

        /** Not the test profile: its %test.mp.jwt.verify.publickey.location (the tests' own key) does not apply. */
        @Override
        public String getConfigProfile() {
            return "no-key";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // In test mode, smallrye-jwt generates a key pair of its own when no key property is set. A signing-key
            // location (read only by the token builder: the service verifies, it does not sign) stops that, so this
            // test sees what production sees.
            return Map.of("smallrye.jwt.sign.key.location", "target/test-keys/not-used-for-verification.pem");
        }
    }

    /** A token as a deployment would mint it, with a key the service knows nothing of. */
    private static String someAuditorsToken() {
        return MintToken.mint(TestTokens.generate().getPrivate(), "zhang.san", Set.of("auditor"),
                Duration.ofMinutes(10), MintToken.DEFAULT_ISSUER);
    }

    /** Absent, or the extension's own placeholder for "not configured". */
    @Test
    void noKeyIsConfigured() {
        for (String key : new String[] {"mp.jwt.verify.publickey.location", "mp.jwt.verify.publickey",
                "smallrye.jwt.verify.key.location"}) {
            assertThat(ConfigProvider.getConfig().getOptionalValue(key, String.class).filter(v -> !v.equals("NONE")))
                    .as(key).isEmpty();
        }
    }

    @Test
    void decisionsAndRuleSetsAreOpen() {
        given().contentType("application/json").body("{\"score\": 85}")
                .post("/api/v1/grading/evaluation").then().statusCode(200).body("grade", equalTo("GOOD"));
        given().get("/api/v1/rulesets").then().statusCode(200);
    }

    @Test
    void replayAnswers401ToEveryoneQuietly() {
        try (LogCapture log = new LogCapture()) {
            given().contentType("application/json").body(BadCredentialsTest.REPLAY_BODY)
                    .post("/api/v1/decisions/replay").then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("status", equalTo(401));
            given().header(TestTokens.bearer(someAuditorsToken())).contentType("application/json")
                    .body(BadCredentialsTest.REPLAY_BODY)
                    .post("/api/v1/decisions/replay").then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .body("status", equalTo(401));
            assertThat(log.troubles()).isEmpty();
        }
    }

    /** A token that is sent is verified even on an open operation; without a key it cannot be. */
    @Test
    void aTokenOnAnOpenOperationIsRefusedQuietly() {
        try (LogCapture log = new LogCapture()) {
            given().header(TestTokens.bearer(someAuditorsToken())).contentType("application/json")
                    .body("{\"score\": 85}")
                    .post("/api/v1/grading/evaluation").then()
                    .statusCode(401)
                    .contentType("application/problem+json");
            assertThat(log.troubles()).isEmpty();
        }
    }
}
