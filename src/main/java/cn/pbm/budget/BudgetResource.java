package cn.pbm.budget;

import java.util.ArrayList;
import java.util.List;

import cn.pbm.api.BudgetApi;
import cn.pbm.api.model.AdmissionDecision;
import cn.pbm.api.model.AdmissionRequest;
import cn.pbm.api.model.BudgetAdjustmentDecision;
import cn.pbm.api.model.BudgetAdjustmentRequest;
import cn.pbm.grading.GradingTables;
import cn.pbm.platform.DecisionEndpoints;
import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.PrimaryRuleset;
import io.quarkus.vertx.http.security.AuthorizationPolicy;
import jakarta.inject.Inject;

/**
 * 入库与结果应用 endpoints. Every threshold, rate, code and label is in the DMN tables of dmn/budget/.
 * 项目入库 is decided here: the ex-ante score (when a report was submitted) is graded by the grading family's ex-ante
 * decision, and the admission table turns the threshold, the report and that conclusion into the verdict.
 * 结果应用 has its own class, {@link BudgetAdjustments}, for its totals. {@code explain} is served by the platform for
 * every endpoint, not here.
 */
@AuthorizationPolicy(name = DecisionEndpoints.POLICY)
public class BudgetResource implements BudgetApi {

    @Inject
    DecisionEngine engine;
    @Inject
    GradingTables grading;
    @Inject
    BudgetTables tables;
    @Inject
    BudgetAdjustments adjustments;

    @Override
    @PrimaryRuleset(BudgetTables.ADMISSION_RULESET)
    public AdmissionDecision admitToProjectLibrary(AdmissionRequest request, Boolean explain) {
        BudgetRequestCheck.check(request);
        engine.forJurisdiction(request.getJurisdiction());
        GradingTables.ExAnteConclusion conclusion = request.getExAnteReportSubmitted()
                ? grading.exAnte(request.getExAnteScore())
                : null;
        BudgetTables.Verdict verdict = tables.admission(request.getNewProject(), request.getAmount(),
                request.getExAnteReportSubmitted(), conclusion == null ? null : conclusion.conclusion(),
                request.getTargetReview() == null ? null : request.getTargetReview().toString());

        List<String> reasons = new ArrayList<>();
        reasons.add(verdict.requirementReason());
        reasons.add(verdict.reason());
        if (verdict.targetReviewReason() != null) {
            reasons.add(verdict.targetReviewReason());
        }
        AdmissionDecision decision = new AdmissionDecision()
                .projectId(request.getProjectId())
                .decision(AdmissionDecision.DecisionEnum.fromValue(verdict.decision()))
                .decisionLabel(verdict.decisionLabel())
                .exAnteReportRequired(verdict.reportRequired())
                .reasons(reasons);
        if (conclusion != null) {
            decision.exAnteConclusion(AdmissionDecision.ExAnteConclusionEnum.fromValue(conclusion.conclusion()))
                    .exAnteConclusionLabel(conclusion.label());
        }
        return decision;
    }

    @Override
    @PrimaryRuleset({ProjectRules.RULESET, BudgetTables.DEPARTMENT_RULESET})
    public BudgetAdjustmentDecision adjustBudgets(BudgetAdjustmentRequest request, Boolean explain) {
        return adjustments.decide(request);
    }
}
