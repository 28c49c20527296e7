package cn.pbm.disclosure;

import cn.pbm.api.DisclosureApi;
import cn.pbm.api.model.DisclosureDeadlinesDecision;
import cn.pbm.api.model.DisclosureDeadlinesRequest;
import cn.pbm.platform.PrimaryRuleset;
import cn.pbm.platform.DecisionEndpoints;
import io.quarkus.vertx.http.security.AuthorizationPolicy;

/**
 * The JAX-RS face of this family: it implements the generated contract ({@link DisclosureApi}), names the decision
 * endpoints' security policy and hands the request to {@link DisclosureService}, which checks, decides and answers.
 * {@code explain} is served by the platform for every endpoint, not here.
 */
public class DisclosureResource implements DisclosureApi {

    private final DisclosureService service;

    public DisclosureResource(DisclosureService service) {
        this.service = service;
    }

    @Override
    @AuthorizationPolicy(name = DecisionEndpoints.POLICY)
    @PrimaryRuleset("disclosure.deadlines")
    public DisclosureDeadlinesDecision disclosureDeadlines(DisclosureDeadlinesRequest request, Boolean explain) {
        return service.disclosureDeadlines(request);
    }
}
