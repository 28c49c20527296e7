package cn.pbm.scenarios;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import cn.pbm.security.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Runs every API scenario file under {@code test-scenarios/} against the running application.
 * A file names an endpoint and lists cases; each case is a request (a YAML object, or a raw {@code body}
 * for input that is not valid JSON), the expected status, and the fields the response must contain
 * (a subset: fields not named are not checked; arrays are matched item by item from the first).
 * {@code bodyBytes: N} sends N bytes of white space instead, for the body size limit.
 * {@code absent: [pointer, ...]} lists JSON pointers the response must NOT have (e.g. {@code /projects/0/actions/1}
 * for "exactly one action"), since {@code expect} only checks what it names.
 * {@code role: auditor} sends a bearer token holding that role.
 */
@QuarkusTest
class ApiScenariosTest {

    static final Path ROOT = Path.of("test-scenarios");
    private static final Path ACCESS_MATRIX = ROOT.resolve("security").resolve("access-matrix.yaml");
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @TestFactory
    Stream<DynamicNode> scenarios() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(ROOT)) {
            // every YAML file beside the families' .scesim files, except the access matrix (AccessMatrixTest reads it)
            files = walk.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.equals(ACCESS_MATRIX)).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no API scenario file under " + ROOT);
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path file : files) {
            ScenarioFile scenarios = YAML.readValue(file.toFile(), ScenarioFile.class);
            assertFalse(scenarios.cases() == null || scenarios.cases().isEmpty(), file + " has no case");
            String name = ROOT.relativize(file).toString();
            nodes.add(DynamicContainer.dynamicContainer(name, file.toUri(),
                    scenarios.cases().stream().map(c -> DynamicTest.dynamicTest(name + " › " + c.name(),
                            file.toUri(), () -> run(scenarios, c)))));
        }
        return nodes.stream();
    }

    private static void run(ScenarioFile file, Case c) throws IOException {
        String body = c.bodyBytes() != null ? " ".repeat(c.bodyBytes())
                : c.body() != null ? c.body() : JSON.writeValueAsString(c.request());
        var request = given();
        if (c.role() != null) { // a caller holding this role (a token minted with the tests' own key)
            request.header(TestTokens.bearer(TestTokens.token("scenario-" + c.role(), c.role())));
        }
        Response response = request
                .contentType(c.contentType() != null ? c.contentType() : "application/json")
                .body(body)
                .post(c.endpoint() != null ? c.endpoint() : file.endpoint());
        String text = response.asString();
        assertEquals(c.status(), response.statusCode(), "status; response was " + text);
        if (c.expect() != null) {
            List<String> differences = new ArrayList<>();
            contains(c.expect(), JSON.readTree(text), "", differences);
            if (!differences.isEmpty()) {
                fail(String.join("\n", differences) + "\nresponse was " + text);
            }
        }
        if (c.absent() != null) {
            JsonNode actual = JSON.readTree(text);
            for (String pointer : c.absent()) {
                JsonNode found = actual.at(pointer);
                if (!found.isMissingNode() && !found.isNull()) {
                    fail(pointer + " must be absent, got " + found + "\nresponse was " + text);
                }
            }
        }
    }

    /** Whether {@code actual} has every field of {@code expected}; numbers compare by value (85 == 85.00). */
    static void contains(JsonNode expected, JsonNode actual, String at, List<String> differences) {
        if (actual == null || actual.isMissingNode()) {
            differences.add(at + ": missing, expected " + expected);
        } else if (expected.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                contains(field.getValue(), actual.get(field.getKey()), at + "/" + field.getKey(), differences);
            }
        } else if (expected.isArray()) {
            if (!actual.isArray() || actual.size() < expected.size()) {
                differences.add(at + ": expected at least " + expected.size() + " items, got " + actual);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                contains(expected.get(i), actual.get(i), at + "/" + i, differences);
            }
        } else if (expected.isNumber() && actual.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                differences.add(at + ": expected " + expected + ", got " + actual);
            }
        } else if (!expected.equals(actual)) {
            differences.add(at + ": expected " + expected + ", got " + actual);
        }
    }

    record ScenarioFile(String endpoint, String description, List<Case> cases) {
    }

    /**
     * {@code bodyBytes}: send that many spaces, to test the body size limit. {@code role}: call with a bearer token
     * holding that role (decision-client, auditor, policy-officer); without it the call carries no credentials.
     */
    record Case(String name, String endpoint, JsonNode request, String body, Integer bodyBytes, String contentType,
            int status, JsonNode expect, String role, List<String> absent) {
    }
}
