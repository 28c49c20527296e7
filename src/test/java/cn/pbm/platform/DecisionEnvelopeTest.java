package cn.pbm.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The envelope every decision answer shares (the contract's DecisionEnvelope), filled once by the platform
 * from the call's decision: the fields in the order answers have always had them, the family's primary rule
 * set as {@code ruleset} whatever was evaluated first, and {@code rulesets} only where the answer lists them.
 */
@QuarkusTest
class DecisionEnvelopeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode post(String endpoint, String body) throws Exception {
        return JSON.readTree(given().contentType("application/json").body(body).post(endpoint).then()
                .statusCode(200).extract().asString());
    }

    private static List<String> fieldNames(JsonNode answer) {
        List<String> names = new ArrayList<>();
        answer.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void envelopeFirstOwnFieldsThenTheExplanationLast() throws Exception {
        JsonNode answer = post("/api/v1/grading/evaluation?explain=true", "{\"score\": 85}");
        assertThat(fieldNames(answer)).containsExactly("decisionId", "ruleset", "grade", "gradeLabel", "explanation");
        assertThat(answer.path("ruleset").path("id").asText()).isEqualTo("grading.evaluation-grade");
        assertThat(answer.path("explanation").path("tables").get(0).path("ruleset").path("id").asText())
                .isEqualTo("grading.evaluation-grade");
    }

    @Test
    void withoutExplainThereIsNoExplanation() throws Exception {
        JsonNode answer = post("/api/v1/grading/ex-ante", "{\"score\": 85}");
        assertThat(fieldNames(answer)).containsExactly("decisionId", "ruleset", "conclusion", "conclusionLabel",
                "action");
    }

    @Test
    void theFamilysPrimaryRulesetDecidesNotTheFirstOneUsed() throws Exception {
        // the ex-ante score is graded (grading.ex-ante-assessment) before the admission table is evaluated
        JsonNode answer = post("/api/v1/project-library/admission", "{\"projectId\": \"P-1\", \"amount\": 5000000.00,"
                + " \"newProject\": true, \"exAnteReportSubmitted\": true, \"exAnteScore\": 92}");
        assertThat(fieldNames(answer)).startsWith("decisionId", "ruleset", "rulesets", "projectId");
        assertThat(answer.path("ruleset").path("id").asText()).isEqualTo("budget.project-library-admission");
        List<String> used = new ArrayList<>();
        answer.path("rulesets").forEach(r -> used.add(r.path("id").asText()));
        assertThat(used).containsExactly("grading.ex-ante-assessment", "budget.project-library-admission");
    }

    @Test
    void anAnswerFromTheMemoIsExplainedAsTheFirstOne() throws Exception {
        String body = "{\"score\": 73.25}";
        post("/api/v1/grading/evaluation", body); // remembered without its matched rows
        JsonNode first = post("/api/v1/grading/evaluation?explain=true", body);
        JsonNode again = post("/api/v1/grading/evaluation?explain=true", body);
        assertThat(first.path("explanation").path("tables")).hasSize(1);
        assertThat(again.path("explanation")).isEqualTo(first.path("explanation"));
        assertThat(post("/api/v1/grading/evaluation", body).has("explanation")).isFalse();
    }
}
