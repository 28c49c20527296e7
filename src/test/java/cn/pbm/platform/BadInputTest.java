package cn.pbm.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Each kind of bad input gets a problem that names the field, and never reaches the engine. */
@QuarkusTest
class BadInputTest {

    private static final String EX_ANTE = "/api/v1/grading/ex-ante";

    private static RequestSpecification json(String body) {
        return given().contentType("application/json").body(body);
    }

    private static void rejected(String body, String field, String message) {
        json(body).post(EX_ANTE).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field))
                .body("errors.message", hasItem(containsString(message)));
    }

    @Test
    void missingScore() {
        rejected("{}", "/score", "must not be null");
    }

    @Test
    void nullScore() {
        rejected("{\"score\": null}", "/score", "must not be null");
    }

    @Test
    void aStringIsNotCoercedToANumber() {
        rejected("{\"score\": \"85\"}", "/score", "expected a JSON number");
    }

    @Test
    void aBooleanIsNotANumber() {
        rejected("{\"score\": true}", "/score", "expected a JSON number");
    }

    @Test
    void belowZero() {
        rejected("{\"score\": -0.01}", "/score", "greater than or equal to 0");
    }

    @Test
    void aboveOneHundred() {
        rejected("{\"score\": 100.01}", "/score", "less than or equal to 100");
    }

    @Test
    void absurdMagnitude() {
        rejected("{\"score\": 1e999999999}", "/score", "number out of range");
    }

    @Test
    void absurdlySmallMagnitude() {
        rejected("{\"score\": 1e-999999999}", "/score", "number out of range");
    }

    @Test
    void exponentBeyondAnyNumber() {
        rejected("{\"score\": 1e99999999999}", "/score", "malformed JSON");
    }

    @Test
    void unknownField() {
        rejected("{\"score\": 85, \"grade\": \"EXCELLENT\"}", "/grade", "unknown field");
    }

    @Test
    void duplicateKey() {
        rejected("{\"score\": 85, \"score\": 95}", "/score", "Duplicate field");
    }

    @Test
    void malformedJson() {
        rejected("{\"score\": 8", "/score", "malformed JSON");
    }

    @Test
    void emptyBody() {
        rejected("", "", "a JSON body is required");
    }

    @Test
    void notAnObject() {
        rejected("[85]", "", "expected one JSON object");
    }

    @Test
    void wrongContentTypeIs415() {
        given().contentType("text/plain").body("{\"score\": 85}").post(EX_ANTE).then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("status", equalTo(415));
    }

    @Test
    void bodyOverTheConfiguredLimitIs413() {
        // quarkus.http.limits.max-body-size is 64M: one byte more is refused before it is read
        byte[] body = new byte[64 * 1024 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        given().contentType("application/json").body(body).post(EX_ANTE).then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    @Test
    void unknownPathIsAProblemToo() {
        json("{\"score\": 85}").post("/api/v1/grading/nowhere").then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
