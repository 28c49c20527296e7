package cn.pbm.workbench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import cn.pbm.security.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The workbench pages answer every caller as the {@code pages:} rows of test-scenarios/security/access-matrix.yaml
 * say, with HTML; unknown rule sets, versions and endpoints are 404 problems, never a 500.
 */
@QuarkusTest
class WorkbenchAccessTest {

    static final Path MATRIX = Path.of("test-scenarios", "security", "access-matrix.yaml");
    static final List<String> CALLERS = List.of("anonymous", "decision-client", "auditor", "policy-officer");

    @TestFactory
    Stream<DynamicTest> everyPageAnswersEveryCallerAsTheMatrixSays() {
        JsonNode pages;
        try {
            pages = new YAMLMapper().readTree(MATRIX.toFile()).path("pages");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(pages.size()).as("pages: rows in " + MATRIX).isGreaterThanOrEqualTo(8);
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> rows = pages.fields(); rows.hasNext();) {
            Map.Entry<String, JsonNode> row = rows.next();
            for (String caller : CALLERS) {
                tests.add(DynamicTest.dynamicTest(row.getKey() + " › " + caller, () -> {
                    RequestSpecification request = given().urlEncodingEnabled(false);
                    if (!caller.equals("anonymous")) {
                        request.header(TestTokens.bearer(TestTokens.token("pages-" + caller, caller)));
                    }
                    Response response = request.get(row.getKey());
                    assertThat(response.statusCode()).as(row.getKey() + " as " + caller)
                            .isEqualTo(row.getValue().path(caller).asInt());
                    assertThat(response.contentType()).startsWith("text/html");
                    // a page, or (…/tables) the fragment of rendered tables the try-it page inserts
                    assertThat(response.asString()).contains(row.getKey().contains("/tables?")
                            ? "class=\"ruleset-tables\"" : "<html lang=\"zh-CN\">").doesNotContain("{#");
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void unknownRulesetsVersionsAndEndpointsAre404() {
        for (String path : List.of("/workbench/rulesets/no.such-ruleset", "/workbench/rulesets/grading.evaluation-grade?version=9.9.9",
                "/workbench/rulesets/grading.evaluation-grade/diff?from=1.0.0&to=9.9.9", "/workbench/try/noSuchOperation",
                "/workbench/simulate?ruleset=no.such-ruleset")) {
            given().urlEncodingEnabled(false).get(path).then().statusCode(404);
        }
    }

    @Test
    void theStaticScriptsAndStylesAreServedByTheServiceItself() {
        for (String path : List.of("/workbench/workbench.css", "/workbench/workbench.js", "/workbench/try.js",
                "/workbench/simulate.js")) {
            String body = given().get(path).then().statusCode(200).extract().asString();
            assertThat(body).doesNotContain("http://").doesNotContain("https://");
        }
    }
}
