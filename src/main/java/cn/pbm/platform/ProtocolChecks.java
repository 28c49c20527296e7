package cn.pbm.platform;

import java.util.List;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The request line and headers of a decision call are held to the contract as strictly as its body:
 * {@code ?explain} is {@code true} or {@code false} and nothing else (read here and only here, into the call's
 * {@link DecisionRecord}; the endpoints' generated {@code explain} parameter is not read), a body comes with a
 * {@code Content-Type}, and a successful answer is {@code application/json} whatever the caller's
 * {@code Accept} prefers ({@code application/problem+json} is for problems only).
 */
public class ProtocolChecks {

    private final DecisionRecord record;

    public ProtocolChecks(DecisionRecord record) {
        this.record = record;
    }

    @ServerRequestFilter(preMatching = true)
    public Response checkRequest(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!"POST".equals(request.getMethod()) || !path.startsWith(AuditTrail.DECISION_ENDPOINTS)) {
            return null;
        }
        List<String> explain = request.getUriInfo().getQueryParameters().get("explain");
        if (explain != null && (explain.size() != 1
                || !("true".equals(explain.get(0)) || "false".equals(explain.get(0))))) {
            return Problems.invalid("The query string is not valid for this endpoint.",
                    List.of(Problems.field("?explain", "must be exactly one of true or false")));
        }
        record.explanationAsked(explain != null && "true".equals(explain.get(0)));
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || contentType.isBlank()) {
            return Problems.response(415, "http-415", "Unsupported Media Type",
                    "A request body must be sent with Content-Type: application/json.", List.of());
        }
        return null;
    }

    @ServerResponseFilter
    public void successIsJson(ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (response.getStatus() < 300 && type != null && type.isCompatible(MediaType.valueOf(Problems.MEDIA_TYPE))) {
            response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }
}
