package cn.pbm.budget;

import cn.pbm.api.BudgetApi;
import cn.pbm.api.model.AdmissionDecision;
import cn.pbm.api.model.AdmissionRequest;
import cn.pbm.api.model.BudgetAdjustmentDecision;
import cn.pbm.api.model.BudgetAdjustmentRequest;
import cn.pbm.platform.DecisionEndpoints;
import cn.pbm.platform.PrimaryRuleset;
import io.quarkus.vertx.http.security.AuthorizationPolicy;
import jakarta.inject.Inject;

/**
 * 入库与结果应用 endpoints. Every threshold, rate, code and label is in the DMN tables of dmn/budget/;
 * {@link ProjectLibraryAdmission} and {@link BudgetAdjustments} validate, call the tables and copy their columns.
 * {@code explain} is served by the platform for every endpoint, not here.
 */
@AuthorizationPolicy(name = DecisionEndpoints.POLICY)
public class BudgetResource implements BudgetApi {

    @Inject
    ProjectLibraryAdmission admission;
    @Inject
    BudgetAdjustments adjustments;

    @Override
    @PrimaryRuleset(BudgetTables.ADMISSION_RULESET)
    public AdmissionDecision admitToProjectLibrary(AdmissionRequest request, Boolean explain) {
        return admission.decide(request);
    }

    @Override
    @PrimaryRuleset({ProjectRules.RULESET, BudgetTables.DEPARTMENT_RULESET})
    public BudgetAdjustmentDecision adjustBudgets(BudgetAdjustmentRequest request, Boolean explain) {
        return adjustments.decide(request);
    }
}
