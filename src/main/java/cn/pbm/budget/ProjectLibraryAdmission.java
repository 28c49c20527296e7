package cn.pbm.budget;

import java.util.ArrayList;
import java.util.List;

import cn.pbm.api.model.AdmissionDecision;
import cn.pbm.api.model.AdmissionRequest;
import cn.pbm.api.model.FieldError;
import cn.pbm.grading.GradingDecisions;
import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.DecisionRecord;
import cn.pbm.platform.InvalidRequestException;
import cn.pbm.platform.Problems;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * 项目入库: the ex-ante score (when a report was submitted) is graded by the grading family's ex-ante decision,
 * and the admission table turns the threshold, the report and that conclusion into the verdict.
 */
@ApplicationScoped
public class ProjectLibraryAdmission {

    private final GradingDecisions grading;
    private final AdmissionRules rules;
    private final DecisionRecord record;

    public ProjectLibraryAdmission(GradingDecisions grading, AdmissionRules rules, DecisionRecord record) {
        this.grading = grading;
        this.rules = rules;
        this.record = record;
    }

    @jakarta.inject.Inject
    cn.pbm.platform.DecisionEngine jurisdictionScope;

    public AdmissionDecision decide(AdmissionRequest request) {
        check(request);
        jurisdictionScope.forJurisdiction(request.getJurisdiction());
        GradingDecisions.ExAnteConclusion conclusion = request.getExAnteReportSubmitted()
                ? grading.exAnte(request.getExAnteScore())
                : null;
        AdmissionRules.Verdict verdict = rules.decide(request.getNewProject(), request.getAmount(),
                request.getExAnteReportSubmitted(), conclusion == null ? null : conclusion.conclusion(),
                request.getTargetReview() == null ? null : request.getTargetReview().toString());

        List<String> reasons = new ArrayList<>();
        reasons.add(verdict.requirementReason());
        reasons.add(verdict.reason());
        if (verdict.targetReviewReason() != null) {
            reasons.add(verdict.targetReviewReason());
        }
        AdmissionDecision decision = new AdmissionDecision()
                .decisionId(record.decisionId())
                .ruleset(DecisionEngine.reference(verdict.outcome().ruleset()))
                .rulesets(record.rulesets())
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

    /** A score goes with a report: required with one, meaningless without one. */
    private static void check(AdmissionRequest request) {
        List<FieldError> errors = new ArrayList<>();
        Money.checkFen(request.getAmount(), "/amount", errors);
        if (request.getExAnteReportSubmitted() && request.getExAnteScore() == null) {
            errors.add(Problems.field("/exAnteScore", "required when exAnteReportSubmitted is true"));
        }
        if (!request.getExAnteReportSubmitted() && request.getExAnteScore() != null) {
            errors.add(Problems.field("/exAnteScore", "not allowed when exAnteReportSubmitted is false"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
