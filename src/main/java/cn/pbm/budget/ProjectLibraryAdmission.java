package cn.pbm.budget;

import java.util.ArrayList;
import java.util.List;

import cn.pbm.api.model.AdmissionDecision;
import cn.pbm.api.model.AdmissionRequest;
import cn.pbm.grading.GradingTables;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * 项目入库: the ex-ante score (when a report was submitted) is graded by the grading family's ex-ante decision,
 * and the admission table turns the threshold, the report and that conclusion into the verdict.
 */
@ApplicationScoped
public class ProjectLibraryAdmission {

    private final GradingTables grading;
    private final BudgetTables tables;

    public ProjectLibraryAdmission(GradingTables grading, BudgetTables tables) {
        this.grading = grading;
        this.tables = tables;
    }

    @jakarta.inject.Inject
    cn.pbm.platform.DecisionEngine jurisdictionScope;

    public AdmissionDecision decide(AdmissionRequest request) {
        BudgetRequestCheck.check(request);
        jurisdictionScope.forJurisdiction(request.getJurisdiction());
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
}
