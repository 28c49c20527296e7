package cn.pbm.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.pbm.platform.MintToken;
import io.quarkus.test.junit.QuarkusTest;

/** The documented minting command (cn.pbm.platform.MintToken) makes tokens the service accepts. */
@QuarkusTest
class MintTokenTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run mint(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = MintToken.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMintedAuditorTokenOpensReplayAndAMintedDecisionClientIsRecordedByName() throws Exception {
        Run auditor = mint("--key", TestTokens.PRIVATE_KEY.toString(), "--role", "auditor", "--name", "zhang.san");
        assertThat(auditor.exit()).isZero();
        assertThat(auditor.err()).isEmpty();
        String token = auditor.out().strip();
        assertThat(token.split("\\.")).hasSize(3);
        assertThat(auditor.out().lines()).hasSize(1); // nothing but the token on standard output

        Run client = mint("--key", TestTokens.PRIVATE_KEY.toString(), "--role", "decision-client", "--name",
                "erp-system", "--hours", "720");
        assertThat(client.exit()).isZero();
        DecisionLogLines log = new DecisionLogLines();
        String id = given().header(TestTokens.bearer(client.out().strip())).contentType("application/json")
                .body("{\"score\": 85}").post("/api/v1/grading/evaluation").then().statusCode(200)
                .extract().path("decisionId");
        JsonNode caller = log.line(id).path("caller");
        assertThat(caller.path("principal").asText()).isEqualTo("erp-system");

        given().header(TestTokens.bearer(token)).contentType("application/json").body(log.raw(id))
                .post("/api/v1/decisions/replay").then().statusCode(200).body("result", equalTo("MATCH"));
        given().header(TestTokens.bearer(client.out().strip())).contentType("application/json").body(log.raw(id))
                .post("/api/v1/decisions/replay").then().statusCode(403);
    }

    @Test
    void aRoleTheServiceDoesNotKnowIsRefused() throws Exception {
        Run run = mint("--key", TestTokens.PRIVATE_KEY.toString(), "--role", "admin", "--name", "x");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("not a role of this service: 'admin'").contains("usage:");
    }

    @Test
    void missingOptionsAreNamed() throws Exception {
        Run run = mint("--role", "auditor");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--key is required");
        assertThat(mint("--key", "no-such-file.pem", "--role", "auditor", "--name", "x").err())
                .contains("cannot read the private key no-such-file.pem");
        assertThat(mint("--key", TestTokens.PRIVATE_KEY.toString(), "--role", "auditor", "--name", "x",
                "--hours", "0").err()).contains("--hours must be a whole number of hours, at least 1");
    }
}
