package cn.pbm.bench;

import cn.pbm.api.model.ScoreRequest;
import cn.pbm.platform.DecisionEndpoints;
import io.quarkus.vertx.http.security.AuthorizationPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/**
 * The framework's floor for the HTTP benchmark, built into the benchmark build only: the same JSON body,
 * the same strict parsing and validation as /api/v1/grading/evaluation, the same security policy as every decision
 * endpoint (without one, deny-unannotated-endpoints answers 403 and the floor measures refusals), and no decision.
 */
@Path("/bench/echo")
public class Echo {

    @POST
    @AuthorizationPolicy(name = DecisionEndpoints.POLICY)
    @Consumes("application/json")
    @Produces("application/json")
    public java.util.Map<String, Object> echo(@Valid @NotNull ScoreRequest request) {
        return java.util.Map.of("score", request.getScore());
    }
}
