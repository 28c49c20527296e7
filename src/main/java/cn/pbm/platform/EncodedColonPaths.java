package cn.pbm.platform;

import java.net.URI;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Lets custom-method paths such as {@code /api/v1/self-evaluations/score:batch} be called by clients that
 * percent-encode the ':' of a path segment ({@code score%3Abatch}; RestAssured does). Quarkus REST matches
 * literal path segments on the raw path, so without this such calls would be 404. ':' is a legal path
 * character (RFC 3986 pchar), so decoding {@code %3A} in the path before matching changes no other route.
 */
public class EncodedColonPaths {

    @ServerRequestFilter(preMatching = true)
    public void decodeColons(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        if (path != null && (path.contains("%3A") || path.contains("%3a"))) {
            String decoded = path.replace("%3A", ":").replace("%3a", ":");
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            request.setRequestUri(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + decoded + query));
        }
    }
}
