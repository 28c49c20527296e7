package cn.pbm.rectification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RectificationTest {

    private static String findings(int n) {
        StringBuilder body = new StringBuilder().append("{\"asOf\": \"2025-12-01\", \"findings\": [");
        for (int i = 0; i < n; i++) {
            body.append(i > 0 ? "," : "").append("{\"findingId\":\"F-").append(i)
                    .append("\",\"unit\":\"U\",\"source\":\"MONITORING\",\"issuedOn\":\"2025-09-15\",\"periodDays\":")
                    .append(i % 90 + 1).append(",\"recurringProject\":false}");
        }
        return body.append("]}").toString();
    }

    /** A long list (evaluated per finding) keeps request order; the per-unit list holds every barred finding once. */
    @Test
    void tenThousandFindingsComeBackInOrder() {
        given().contentType("application/json").body(findings(10_000))
                .post("/api/v1/rectifications/status").then().statusCode(200)
                .body("results", hasSize(10_000))
                .body("results[9999].findingId", equalTo("F-9999"))
                .body("results[0].dueDate", equalTo("2025-09-16"))
                .body("results[0].status", equalTo("OVERDUE"))
                .body("noNewRequestsNextYear[0].unit", equalTo("U"));
    }

    @Test
    void moreThanTenThousandFindingsAreRefused() {
        given().contentType("application/json").body(findings(10_001))
                .post("/api/v1/rectifications/status").then().statusCode(400)
                .body("errors.field", hasItem("/findings"));
    }
}
