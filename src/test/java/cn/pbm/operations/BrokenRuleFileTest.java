package cn.pbm.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A start with a rule file that does not compile: the service starts, is live but not ready, the readiness check
 * names the file and the compiler's message, the calls that need that rule set are answered 503 and the others
 * still decide. The profile also switches the console logs to JSON (pbm.log.json), which leaves the decision log one
 * JSON object per line.
 */
@QuarkusTest
@TestProfile(BrokenRuleFileTest.BrokenGradingTable.class)
class BrokenRuleFileTest {

    static final String BROKEN = "grading/evaluation-grade.dmn";
    static final Path DECISION_LOG = Path.of("target/decisions-broken-rules.log");

    /** The deployed rule sets copied to target/broken-rules (pbm.rulesets.directory), one table cut short. */
    public static class BrokenGradingTable implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Path rules = Path.of("target/broken-rules").toAbsolutePath();
            try {
                Files.deleteIfExists(DECISION_LOG);
                for (Path root : new Path[] {Path.of("dmn"), Path.of("decisions")}) {
                    try (Stream<Path> files = Files.walk(root)) {
                        for (Path file : files.filter(Files::isRegularFile).toList()) {
                            Path copy = rules.resolve(root.relativize(file).toString());
                            Files.createDirectories(copy.getParent());
                            Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                String table = Files.readString(rules.resolve(BROKEN), StandardCharsets.UTF_8);
                Files.writeString(rules.resolve(BROKEN), table.substring(0, table.indexOf("<decisionTable")),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("pbm.rulesets.directory", rules.toString(),
                    "pbm.log.json", "true",
                    "pbm.decision-log.file", DECISION_LOG.toString());
        }
    }

    @Test
    void theServiceIsLiveButNotReadyAndNamesTheFileAndTheCompilersMessage() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'rule sets' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'rule sets' }.data.'grading.evaluation-grade 1.0.0'",
                        matchesPattern("dmn/" + BROKEN + ": .{10,}"));
    }

    @Test
    void aCallThatNeedsTheBrokenRuleSetIs503AndTheOthersStillDecide() throws Exception {
        given().contentType("application/json").body("{\"score\": 85}").post("/api/v1/grading/evaluation").then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pbm:problem:ruleset-unavailable"))
                .body("detail", containsString("grading.evaluation-grade 1.0.0"))
                .body("detail", containsString("dmn/" + BROKEN));
        String decisionId = given().contentType("application/json").body("{\"score\": 85}")
                .post("/api/v1/grading/ex-ante").then().statusCode(200).extract().path("decisionId");
        given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .body(containsString("pbm_ruleset_info{ruleset=\"grading.evaluation-grade\""))
                .body(matchesPattern("(?s).*pbm_ruleset_info\\{ruleset=\"grading\\.evaluation-grade\",[^}]*\\} 0\\.0.*"));

        // with JSON console logs on, the decision log is still one JSON object per line, the 503 logged as rejected
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(DECISION_LOG, StandardCharsets.UTF_8)) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).anySatisfy(line -> assertThat(line.path("decisionId").asText()).isEqualTo(decisionId));
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("status").asInt()).isEqualTo(503);
            assertThat(line.path("outcome").asText()).isEqualTo("REJECTED");
        });
    }
}
