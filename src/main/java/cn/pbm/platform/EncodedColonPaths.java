package cn.pbm.platform;

import java.net.URI;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Lets custom-method paths such as {@code /api/v1/self-evaluations/score:batch} be called by clients that
 * percent-encode the ':' of a path segment ({@code score%3Abatch}; RestAssured does). Quarkus REST matches
 * literal path segments on the raw path, so without this such calls would be 404. ':' is a legal path
 * character (RFC 3986 pchar), so decoding {@code %3A} in the path before matching changes no other route.
 */
public class EncodedColonPaths {

    @ServerRequestFilter(preMatching = true)
    public void decodeColons(ContainerRequestContext request, HttpServerRequest http) {
        // the raw path from the connection: the JAX-RS request URI cannot be built for an HTTP/1.0 request
        // without a Host header (which is legal), and asking for it was a 500
        String path = http.path();
        if (path != null && (path.contains("%3A") || path.contains("%3a"))) {
            String decoded = path.replace("%3A", ":").replace("%3a", ":");
            String query = http.query() == null ? "" : "?" + http.query();
            String authority = http.authority() != null ? http.authority().toString()
                    : http.localAddress() != null ? http.localAddress().hostAddress() + ":" + http.localAddress().port()
                    : "localhost";
            request.setRequestUri(URI.create(http.scheme() + "://" + authority + decoded + query));
        }
    }
}
