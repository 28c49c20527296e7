package cn.pbm.budget;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import cn.pbm.api.model.BudgetAdjustmentRequest;
import cn.pbm.api.model.BudgetDepartment;
import cn.pbm.api.model.BudgetProject;
import cn.pbm.api.model.FieldError;
import cn.pbm.platform.InvalidRequestException;
import cn.pbm.platform.Problems;

/**
 * The checks of a budget-adjustment request that the schema cannot express, over the WHOLE request before
 * anything is decided: duplicate ids, amounts finer than the fen, and facts that contradict each other.
 */
final class BudgetAdjustmentCheck {

    private BudgetAdjustmentCheck() {
    }

    static void check(BudgetAdjustmentRequest request) {
        List<FieldError> errors = new ArrayList<>();
        List<BudgetProject> projects = request.getProjects();
        List<BudgetDepartment> departments = request.getDepartments();
        // a JSON null where the contract has an array: refused, not read as an empty list
        if (projects == null) {
            errors.add(Problems.field("/projects", "expected a JSON array here (leave the field out for none)"));
            projects = List.of();
        }
        if (departments == null) {
            errors.add(Problems.field("/departments", "expected a JSON array here (leave the field out for none)"));
            departments = List.of();
        }
        if (projects.isEmpty() && departments.isEmpty()) {
            errors.add(Problems.field("/projects", "give at least one project or department"));
        }
        Set<String> projectIds = new HashSet<>();
        for (int i = 0; i < projects.size(); i++) {
            String at = "/projects/" + i;
            BudgetProject project = projects.get(i);
            if (project == null) {
                errors.add(Problems.field(at, "expected a project object here"));
                continue;
            }
            if (!projectIds.add(project.getProjectId())) {
                errors.add(Problems.field(at + "/projectId", "duplicate projectId " + project.getProjectId()));
            }
            Money.checkFen(project.getBudget(), at + "/budget", errors);
            checkTargets(project, at, errors);
            checkEvaluation(project, at, errors);
        }
        Set<String> departmentIds = new HashSet<>();
        for (int i = 0; i < departments.size(); i++) {
            String at = "/departments/" + i;
            BudgetDepartment department = departments.get(i);
            if (department == null) {
                errors.add(Problems.field(at, "expected a department object here"));
                continue;
            }
            if (!departmentIds.add(department.getDepartmentId())) {
                errors.add(Problems.field(at + "/departmentId", "duplicate departmentId " + department.getDepartmentId()));
            }
            Money.checkFen(department.getPublicFunds(), at + "/publicFunds", errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    private static void checkTargets(BudgetProject project, String at, List<FieldError> errors) {
        List<String> dimensions = project.getTargetDimensions() == null ? List.of() : project.getTargetDimensions();
        if (!project.getHasTargets() && !dimensions.isEmpty()) {
            errors.add(Problems.field(at + "/targetDimensions", "not allowed when hasTargets is false"));
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < dimensions.size(); j++) {
            if (dimensions.get(j) == null) {
                errors.add(Problems.field(at + "/targetDimensions/" + j, "expected a dimension code here"));
            } else if (!seen.add(dimensions.get(j))) {
                errors.add(Problems.field(at + "/targetDimensions/" + j, "duplicate dimension " + dimensions.get(j)));
            }
        }
    }

    /**
     * A new project has no last year: no self-evaluation, grade, rectification or finding of last year. A
     * continuing project states whether it self-evaluated; a self-evaluation comes with its grade; a grade (from
     * the self-evaluation or from the finance bureau's key evaluation) comes with its rectification.
     */
    private static void checkEvaluation(BudgetProject project, String at, List<FieldError> errors) {
        if (Boolean.TRUE.equals(project.getNewProject())) {
            if (Boolean.TRUE.equals(project.getSelfEvaluatedLastYear())) {
                errors.add(Problems.field(at + "/selfEvaluatedLastYear", "a new project has no last year to self-evaluate"));
            }
            if (project.getEvaluationGrade() != null) {
                errors.add(Problems.field(at + "/evaluationGrade", "not allowed for a new project"));
            }
            if (project.getRectificationDone() != null) {
                errors.add(Problems.field(at + "/rectificationDone", "not allowed for a new project"));
            }
            if (project.getClearlyBelowExpectations() != null) {
                errors.add(Problems.field(at + "/clearlyBelowExpectations", "not allowed for a new project"));
            }
            return;
        }
        if (project.getSelfEvaluatedLastYear() == null) {
            errors.add(Problems.field(at + "/selfEvaluatedLastYear",
                    "required for a continuing project (send newProject: true for a new one)"));
        } else if (project.getSelfEvaluatedLastYear() && project.getEvaluationGrade() == null) {
            errors.add(Problems.field(at + "/evaluationGrade", "required when selfEvaluatedLastYear is true"));
        }
        if (project.getEvaluationGrade() != null && project.getRectificationDone() == null) {
            errors.add(Problems.field(at + "/rectificationDone", "required with evaluationGrade"));
        }
        if (project.getEvaluationGrade() == null && project.getRectificationDone() != null) {
            errors.add(Problems.field(at + "/rectificationDone", "not allowed without evaluationGrade"));
        }
    }
}
