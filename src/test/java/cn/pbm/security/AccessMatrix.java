package cn.pbm.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The written access matrix ({@code test-scenarios/security/access-matrix.yaml}) against the operations of the
 * OpenAPI document the running service serves: every operation must have a row, every row an operation, and
 * every cell must be what the service answers.
 */
final class AccessMatrix {

    static final Path FILE = Path.of("test-scenarios", "security", "access-matrix.yaml");
    static final List<String> CALLERS = List.of("anonymous", "decision-client", "auditor", "policy-officer");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Operation(String id, String method, String path, JsonNode definition) {
    }

    private AccessMatrix() {
    }

    static JsonNode rows() {
        try {
            return YAML.readTree(FILE.toFile()).path("operations");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every operation of the served OpenAPI document, by operationId. */
    static Map<String, Operation> operations() {
        JsonNode document = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().as(JsonNode.class);
        Map<String, Operation> operations = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    String id = op.getValue().path("operationId").asText(op.getKey() + " " + path.getKey());
                    operations.put(id, new Operation(id, op.getKey().toUpperCase(), path.getKey(), op.getValue()));
                }
            }
        }
        return operations;
    }

    /** The operations without a row and the rows without an operation (both must be empty). */
    static void assertRowsMatchOperations() {
        Set<String> operations = new TreeSet<>(operations().keySet());
        Set<String> rows = new TreeSet<>();
        rows().fieldNames().forEachRemaining(rows::add);
        Set<String> withoutRow = new TreeSet<>(operations);
        withoutRow.removeAll(rows);
        Set<String> withoutOperation = new TreeSet<>(rows);
        withoutOperation.removeAll(operations);
        assertThat(withoutRow).as("operations of the contract without a row in " + FILE).isEmpty();
        assertThat(withoutOperation).as("rows of " + FILE + " naming no operation of the contract").isEmpty();
    }

    /**
     * The contract tells Swagger UI and clients what the matrix says: every operation names the bearer scheme,
     * and allows calls without credentials ({@code {}}) exactly when the default column lets anonymous callers in.
     */
    static void assertContractDeclaresTheMatrix() {
        JsonNode rows = rows();
        for (Operation operation : operations().values()) {
            JsonNode security = operation.definition().path("security");
            assertThat(security.isArray()).as(operation.id() + " declares security").isTrue();
            boolean anonymousAllowed = false;
            boolean bearer = false;
            for (JsonNode requirement : security) {
                anonymousAllowed |= requirement.isEmpty();
                bearer |= requirement.has("bearerJwt");
            }
            assertThat(bearer).as(operation.id() + " names the bearerJwt scheme").isTrue();
            int anonymous = rows.path(operation.id()).path("open").path("anonymous").asInt();
            assertThat(anonymousAllowed).as(operation.id() + ": {} in its security iff anonymous callers get in")
                    .isEqualTo(anonymous != 401);
            // an operation that can refuse an anonymous caller documents both refusals
            boolean refuses = rows.path(operation.id()).findValues("anonymous").stream()
                    .anyMatch(status -> status.asInt() == 401);
            if (refuses) {
                assertThat(operation.definition().path("responses").has("401")).as(operation.id() + " documents 401")
                        .isTrue();
                assertThat(operation.definition().path("responses").has("403")).as(operation.id() + " documents 403")
                        .isTrue();
            }
        }
    }

    /** One test per operation and caller, for the given column of the matrix ({@code open} or {@code authenticated}). */
    static Stream<DynamicTest> check(String mode) {
        JsonNode rows = rows();
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation operation : operations().values()) {
            JsonNode row = rows.path(operation.id());
            for (String caller : CALLERS) {
                tests.add(DynamicTest.dynamicTest(operation.id() + " › " + caller + " (" + mode + ")", () -> {
                    assertThat(row.isMissingNode()).as(operation.id() + " has a row in " + FILE).isFalse();
                    JsonNode expected = row.path(mode).path(caller);
                    assertThat(expected.isInt()).as(FILE + ": " + operation.id() + " › " + mode + " › " + caller)
                            .isTrue();
                    Response response = call(operation, row, caller);
                    assertThat(response.statusCode()).as(operation.method() + " " + operation.path() + " as " + caller
                            + "; answer: " + response.asString()).isEqualTo(expected.asInt());
                    if (expected.asInt() == 401 || expected.asInt() == 403) {
                        assertThat(response.contentType()).startsWith("application/problem+json");
                        assertThat(response.jsonPath().getInt("status")).isEqualTo(expected.asInt());
                    }
                    if (expected.asInt() == 401) {
                        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
                    }
                }));
            }
        }
        return tests.stream();
    }

    static Response call(Operation operation, JsonNode row, String caller) throws IOException {
        RequestSpecification request = given();
        if (!caller.equals("anonymous")) {
            request.header(TestTokens.bearer(TestTokens.token("matrix-" + caller, caller)));
        }
        String path = operation.path();
        for (JsonNode parameter : operation.definition().path("parameters")) {
            if (parameter.path("in").asText().equals("path")) {
                String name = parameter.path("name").asText();
                JsonNode value = row.path("path").has(name) ? row.path("path").path(name)
                        : parameter.path("schema").path("example");
                assertThat(value.isMissingNode()).as(operation.id() + ": a value for path parameter " + name).isFalse();
                path = path.replace("{" + name + "}", value.asText());
            }
        }
        if (operation.definition().has("requestBody")) {
            JsonNode body = row.has("request") ? row.path("request")
                    : operation.definition().path("requestBody").path("content").path("application/json").path("example");
            assertThat(body.isMissingNode()).as(operation.id() + ": a request body (the contract's example or the row's"
                    + " request)").isFalse();
            request.contentType("application/json").body(JSON.writeValueAsString(body));
        }
        return request.request(operation.method(), path);
    }
}
