package cn.pbm.platform;

import java.util.List;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The edges of the HTTP layer, below the REST endpoints:
 * <ul>
 * <li>no HTTP/2 cleartext upgrade ({@code Upgrade: h2c}): {@code quarkus.http.http2=false} alone does not stop
 * it, and a large body sent with the upgrade hung after the 101; the upgrade header is now ignored and the
 * request answered over HTTP/1.1;</li>
 * <li>a 4xx the router itself produces (a malformed {@code %} escape in the path, a chunked body outgrowing
 * the size limit) is answered as {@code application/problem+json}.</li>
 * </ul>
 * What the HTTP codec refuses before the router (a request line over
 * {@code quarkus.http.limits.max-initial-line-length}: 414; two {@code Content-Length} headers or another
 * malformed head: 400; ...) is answered with an empty body: {@link CodecProblems}, on each connection, turns those
 * into problem+json; see docs/hardening.md.
 */
@ApplicationScoped
public class HttpEdges implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }

    void install(@Observes Router router, PbmConfig config) {
        int maxUriLength = config.http().maxUriLength();
        // A URI longer than pbm.http.max-uri-length: 414 problem+json. The codec's own limit on the request line
        // (quarkus.http.limits.max-initial-line-length) is set above it; a line beyond that is cut by the codec.
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            if (ctx.request().uri().length() > maxUriLength) {
                answer(ctx, 414);
                return;
            }
            ctx.next();
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (!answer(ctx, ctx.statusCode())) {
                ctx.next();
            }
        });
        // A failure no failure handler could take (the path itself cannot be decoded, so no route matches it, nor
        // any failure handler): the router's last resort per status.
        for (int status : new int[] { 400, 413, 414, 431 }) {
            router.errorHandler(status, ctx -> {
                if (!answer(ctx, status) && !ctx.response().ended()) {
                    ctx.response().setStatusCode(status).end();
                }
            });
        }
    }

    /** Answers a 4xx of the HTTP layer as problem+json, if nothing of the answer has been written yet. */
    private static boolean answer(io.vertx.ext.web.RoutingContext ctx, int status) {
        if (status < 400 || status >= 500 || ctx.response().ended() || ctx.response().headWritten()) {
            return false;
        }
        String title = switch (status) {
            case 413 -> "Payload too large";
            case 414 -> "URI too long";
            case 431 -> "Request header fields too large";
            default -> "Bad request";
        };
        var problem = Problems.response(status, "http-" + status, title,
                "The HTTP request was refused before it reached an endpoint.", List.of()).getEntity();
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                .end(Json.encode(problem));
        return true;
    }
}
