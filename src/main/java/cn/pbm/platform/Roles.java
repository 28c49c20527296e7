package cn.pbm.platform;

import cn.pbm.api.model.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/**
 * The service's roles, as they arrive in a bearer token's {@code groups} claim. Resource methods name them in
 * {@code @RolesAllowed}; {@code test-scenarios/security/access-matrix.yaml} states who may call each operation.
 * <ul>
 * <li>{@link #DECISION_CLIENT}: a system that calls the decision endpoints;</li>
 * <li>{@link #AUDITOR}: reads rule sets, versions and the decision log, and replays decisions;</li>
 * <li>{@link #POLICY_OFFICER}: everything an auditor may do, and simulations of candidate rule sets. Every
 * method open to auditors therefore lists both roles.</li>
 * </ul>
 */
public final class Roles {

    public static final String DECISION_CLIENT = "decision-client";
    public static final String AUDITOR = "auditor";
    public static final String POLICY_OFFICER = "policy-officer";

    private Roles() {
    }

    /**
     * The caller of a decision endpoint as the decision log records it: anonymous, or the principal's name
     * (the token's {@code upn}, else {@code sub}) and {@link #DECISION_CLIENT} if the caller holds it (the role
     * that admits a caller when decision endpoints are closed). Never anything of the token itself.
     * The identity is the one authentication (proactive, before the endpoint) left on the request; a request
     * whose token was refused has none and is recorded as anonymous.
     */
    public static Caller callerOfDecision(RoutingContext request) {
        return callerOfDecision(request != null && request.user() instanceof QuarkusHttpUser user
                ? user.getSecurityIdentity() : null);
    }

    static Caller callerOfDecision(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return new Caller().anonymous(true);
        }
        return new Caller().anonymous(false)
                .principal(identity.getPrincipal().getName())
                .role(identity.hasRole(DECISION_CLIENT) ? DECISION_CLIENT : null);
    }
}
