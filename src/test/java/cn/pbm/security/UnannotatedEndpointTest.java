package cn.pbm.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * The safety net under the access matrix: an endpoint someone adds without a security annotation is closed to
 * everyone (quarkus.security.jaxrs.deny-unannotated-endpoints), never open by accident.
 */
@QuarkusTest
class UnannotatedEndpointTest {

    /** An endpoint of the test build only, deliberately without a security annotation. */
    @Path("/test-only/unannotated")
    public static class Unannotated {
        @GET
        public String get() {
            return "reached";
        }
    }

    @Test
    void anEndpointWithoutASecurityAnnotationAdmitsNobody() {
        given().get("/test-only/unannotated").then().statusCode(401);
        for (String role : AccessMatrix.CALLERS.subList(1, AccessMatrix.CALLERS.size())) {
            given().header(TestTokens.bearer(TestTokens.token("probe", role))).get("/test-only/unannotated").then()
                    .statusCode(403)
                    .body("status", equalTo(403));
        }
    }
}
