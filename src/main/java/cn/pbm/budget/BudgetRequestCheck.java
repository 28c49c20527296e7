package cn.pbm.budget;

import java.util.List;

import cn.pbm.api.model.AdmissionRequest;
import cn.pbm.api.model.BudgetAdjustmentRequest;
import cn.pbm.api.model.BudgetDepartment;
import cn.pbm.api.model.BudgetProject;
import cn.pbm.platform.FieldChecks;

/**
 * The checks of a budget request (adjustments, library admission) that the schema cannot express, over the WHOLE
 * request before anything is decided: duplicate ids, amounts finer than the fen, and facts that contradict each
 * other.
 */
final class BudgetRequestCheck {

    private BudgetRequestCheck() {
    }

    static void check(BudgetAdjustmentRequest request) {
        FieldChecks checks = new FieldChecks();
        List<BudgetProject> projects = request.getProjects();
        List<BudgetDepartment> departments = request.getDepartments();
        // a JSON null where the contract has an array: refused, not read as an empty list
        if (projects == null) {
            checks.error("/projects", "expected a JSON array here (leave the field out for none)");
            projects = List.of();
        }
        if (departments == null) {
            checks.error("/departments", "expected a JSON array here (leave the field out for none)");
            departments = List.of();
        }
        if (projects.isEmpty() && departments.isEmpty()) {
            checks.error("/projects", "give at least one project or department");
        }
        FieldChecks.Unique projectIds = checks.unique();
        for (int i = 0; i < projects.size(); i++) {
            String at = "/projects/" + i;
            BudgetProject project = projects.get(i);
            if (!checks.present(project, at)) {
                continue;
            }
            projectIds.check(project.getProjectId(), at + "/projectId");
            checks.yuan(project.getBudget(), at + "/budget");
            checkTargets(checks, project, at);
            checkEvaluation(checks, project, at);
        }
        FieldChecks.Unique departmentIds = checks.unique();
        for (int i = 0; i < departments.size(); i++) {
            String at = "/departments/" + i;
            BudgetDepartment department = departments.get(i);
            if (!checks.present(department, at)) {
                continue;
            }
            departmentIds.check(department.getDepartmentId(), at + "/departmentId");
            checks.yuan(department.getPublicFunds(), at + "/publicFunds");
        }
        checks.throwIfAny();
    }

    private static void checkTargets(FieldChecks checks, BudgetProject project, String at) {
        List<String> dimensions = project.getTargetDimensions() == null ? List.of() : project.getTargetDimensions();
        checks.notAllowed(!project.getHasTargets() && !dimensions.isEmpty(), at + "/targetDimensions",
                "when hasTargets is false");
        FieldChecks.Unique seen = checks.unique();
        for (int j = 0; j < dimensions.size(); j++) {
            String dimensionAt = at + "/targetDimensions/" + j;
            if (checks.present(dimensions.get(j), dimensionAt)) {
                seen.check(dimensions.get(j), dimensionAt);
            }
        }
    }

    /**
     * A new project has no last year: no self-evaluation, grade, rectification or finding of last year. A
     * continuing project states whether it self-evaluated; a self-evaluation comes with its grade; a grade (from
     * the self-evaluation or from the finance bureau's key evaluation) comes with its rectification.
     */
    private static void checkEvaluation(FieldChecks checks, BudgetProject project, String at) {
        if (Boolean.TRUE.equals(project.getNewProject())) {
            checks.notAllowed(Boolean.TRUE.equals(project.getSelfEvaluatedLastYear()), at + "/selfEvaluatedLastYear",
                    "to be true for a new project (it has no last year to self-evaluate)");
            checks.notAllowed(project.getEvaluationGrade() != null, at + "/evaluationGrade", "for a new project");
            checks.notAllowed(project.getRectificationDone() != null, at + "/rectificationDone", "for a new project");
            checks.notAllowed(project.getClearlyBelowExpectations() != null, at + "/clearlyBelowExpectations",
                    "for a new project");
            return;
        }
        if (project.getSelfEvaluatedLastYear() == null) {
            checks.required(true, at + "/selfEvaluatedLastYear",
                    "for a continuing project (send newProject: true for a new one)");
        } else {
            checks.required(project.getSelfEvaluatedLastYear() && project.getEvaluationGrade() == null,
                    at + "/evaluationGrade", "when selfEvaluatedLastYear is true");
        }
        checks.required(project.getEvaluationGrade() != null && project.getRectificationDone() == null,
                at + "/rectificationDone", "with evaluationGrade");
        checks.notAllowed(project.getEvaluationGrade() == null && project.getRectificationDone() != null,
                at + "/rectificationDone", "without evaluationGrade");
    }

    /** A score goes with a report: required with one, meaningless without one. */
    static void check(AdmissionRequest request) {
        FieldChecks checks = new FieldChecks();
        checks.yuan(request.getAmount(), "/amount");
        checks.required(request.getExAnteReportSubmitted() && request.getExAnteScore() == null, "/exAnteScore",
                "when exAnteReportSubmitted is true");
        checks.notAllowed(!request.getExAnteReportSubmitted() && request.getExAnteScore() != null, "/exAnteScore",
                "when exAnteReportSubmitted is false");
        checks.throwIfAny();
    }
}
