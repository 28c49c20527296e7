package cn.pbm.platform;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers a body declared larger than {@code quarkus.http.limits.max-body-size} with a 413 problem, just
 * before Quarkus' own limit check (which answers 413 with an empty body). A chunked body that grows past the
 * limit is still cut off by Quarkus with an empty 413: by then the response may already be under way.
 */
@ApplicationScoped
public class BodySizeLimit {

    void install(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        long limit = maxBodySize.asLongValue();
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(ctx -> {
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && isOver(declared, limit)) {
                var problem = Problems.response(413, "payload-too-large", "Payload too large",
                        "The body is larger than the configured limit of " + limit + " bytes.", List.of())
                        .getEntity();
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(Json.encode(problem));
                return;
            }
            ctx.next();
        });
    }

    private static boolean isOver(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Quarkus rejects a malformed Content-Length itself
        }
    }
}
