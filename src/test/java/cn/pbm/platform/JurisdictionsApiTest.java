package cn.pbm.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The rule-set listing shows each version's scope; a response names the scope of the version that decided. */
@QuarkusTest
class JurisdictionsApiTest {

    @Test
    void theListingShowsEachVersionsJurisdiction() {
        given().get("/api/v1/rulesets").then()
                .statusCode(200)
                .body("rulesets.find { it.id == 'budget.project-library-admission' }.versions.jurisdiction",
                        hasItem("140423"))
                .body("rulesets.find { it.id == 'budget.project-library-admission' }.versions.find { it.version == '2.1.0+140423' }.jurisdictionName",
                        equalTo("襄垣县"))
                .body("rulesets.find { it.id == 'budget.project-library-admission' }.versions.find { it.version == '2.1.0' }.jurisdiction",
                        nullValue())
                .body("rulesets.find { it.id == 'warning.execution-monitoring' }.versions.find { it.version == '2.0.0+640324' }.jurisdictionName",
                        equalTo("同心县"));
    }

    @Test
    void theDefaultProfileIsAnExplicitNullInTheResponse() {
        String body = given().contentType("application/json").body("{\"score\": 95}")
                .post("/api/v1/grading/evaluation").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(body).contains("\"jurisdiction\":null");
    }
}
