package cn.pbm.budget;

import cn.pbm.api.BudgetApi;
import cn.pbm.api.model.AdmissionDecision;
import cn.pbm.api.model.AdmissionRequest;
import cn.pbm.api.model.BudgetAdjustmentDecision;
import cn.pbm.api.model.BudgetAdjustmentRequest;
import cn.pbm.platform.PrimaryRuleset;
import cn.pbm.platform.DecisionEndpoints;
import io.quarkus.vertx.http.security.AuthorizationPolicy;

/**
 * 入库与结果应用 endpoints. Every threshold, rate, code and label is in the DMN tables of dmn/budget/;
 * {@link ProjectLibraryAdmission} and {@link BudgetAdjustments} validate, call the tables and copy their columns.
 * {@code explain} is served by the platform for every endpoint, not here.
 */
public class BudgetResource implements BudgetApi {

    private final ProjectLibraryAdmission admission;
    private final BudgetAdjustments adjustments;

    public BudgetResource(ProjectLibraryAdmission admission, BudgetAdjustments adjustments) {
        this.admission = admission;
        this.adjustments = adjustments;
    }

    @Override
    @AuthorizationPolicy(name = DecisionEndpoints.POLICY)
    @PrimaryRuleset("budget.project-library-admission")
    public AdmissionDecision admitToProjectLibrary(AdmissionRequest request, Boolean explain) {
        return admission.decide(request);
    }

    @Override
    @AuthorizationPolicy(name = DecisionEndpoints.POLICY)
    @PrimaryRuleset({"budget.project-budget-adjustment", "budget.department-public-funds"})
    public BudgetAdjustmentDecision adjustBudgets(BudgetAdjustmentRequest request, Boolean explain) {
        return adjustments.decide(request);
    }
}
