package cn.pbm.platform;


import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may call a decision endpoint, switched at start-up by {@code pbm.security.decision-endpoints}:
 * {@code open} (the default) lets everyone in, {@code authenticated} only callers holding
 * {@link Roles#DECISION_CLIENT}. Bound to each decision method by
 * {@code @AuthorizationPolicy(name = DecisionEndpoints.POLICY)}, so it follows the resource method, not a path.
 * A caller without credentials is then answered 401, one without the role 403.
 * <p>
 * {@code @RolesAllowed} cannot say "everyone, also anonymous" and cannot be switched off by configuration, hence
 * this named policy; all other closed operations use {@code @RolesAllowed}.
 */
@ApplicationScoped
public class DecisionEndpoints implements HttpSecurityPolicy {

    public static final String POLICY = "decision-endpoints";

    public enum Access {
        /** Everyone, with or without a token (a token that is sent must still be valid). */
        OPEN,
        /** Only callers whose token carries {@link Roles#DECISION_CLIENT}. */
        AUTHENTICATED
    }

    private final Access access;

    public DecisionEndpoints(PbmConfig config) {
        this.access = config.security().decisionEndpoints();
    }

    public Access access() {
        return access;
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext context) {
        if (access == Access.OPEN) {
            return CheckResult.permit();
        }
        return identity.map(caller -> caller.hasRole(Roles.DECISION_CLIENT) ? CheckResult.PERMIT : CheckResult.DENY);
    }

    @Override
    public String name() {
        return POLICY;
    }
}
