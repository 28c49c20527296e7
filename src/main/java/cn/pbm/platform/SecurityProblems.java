package cn.pbm.platform;

import java.util.List;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * 401 and 403 as {@code application/problem+json}, like every other refusal of the service. The 401 carries the
 * challenge of the authentication mechanism ({@code WWW-Authenticate: Bearer}), as Quarkus's own mapper would.
 * Nothing of the token is echoed and nothing is logged here: a bad token is the caller's error, not ours.
 */
public class SecurityProblems {

    static final String UNAUTHORIZED_DETAIL = "This operation needs a valid bearer token (Authorization: Bearer ...)."
            + " A token that is sent must be well formed, unexpired, signed with the key this service trusts, from"
            + " the issuer it trusts, and carry a groups claim.";

    @ServerExceptionMapper
    public Uni<Response> unauthorized(UnauthorizedException e, RoutingContext request) {
        return unauthorized(request);
    }

    @ServerExceptionMapper
    public Uni<Response> authenticationFailed(AuthenticationFailedException e, RoutingContext request) {
        return unauthorized(request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problems.response(403, "forbidden", "Forbidden",
                "The bearer token is valid, but none of its groups is a role this operation admits.", List.of());
    }

    static Uni<Response> unauthorized(RoutingContext request) {
        if (request.response().headers().contains(HttpHeaders.WWW_AUTHENTICATE)) {
            // a refused token: the authentication handler has already sent its challenge
            return Uni.createFrom().item(unauthorized((ChallengeData) null));
        }
        HttpAuthenticator authenticator = request.get(HttpAuthenticator.class.getName());
        Uni<ChallengeData> challenge = authenticator == null ? Uni.createFrom().nullItem()
                : authenticator.getChallenge(request).onFailure().recoverWithNull();
        return challenge.map(SecurityProblems::unauthorized);
    }

    static Response unauthorized(ChallengeData challenge) {
        Response problem = Problems.response(401, "unauthorized", "Unauthorized", UNAUTHORIZED_DETAIL, List.of());
        if (challenge == null || challenge.getHeaders().isEmpty()) {
            return problem;
        }
        Response.ResponseBuilder withChallenge = Response.fromResponse(problem);
        challenge.getHeaders().forEach((name, value) -> withChallenge.header(name.toString(), value));
        return withChallenge.build();
    }
}
