package cn.pbm.targetreview;

import java.util.List;

import cn.pbm.api.model.ReviewedTarget;
import cn.pbm.api.model.TargetReviewProject;
import cn.pbm.api.model.TargetReviewRequest;
import cn.pbm.platform.FieldChecks;

/**
 * The checks the contract's schema cannot express, over the whole request before anything is decided: unique
 * project ids, no null items, and a target that names at least a dimension or an indicator. The schema has already
 * rejected a missing {@code reviewDate}, an empty list and unknown enum values. Every offending field is named.
 */
final class TargetReviewRequestCheck {

    private TargetReviewRequestCheck() {
    }

    static void check(TargetReviewRequest request) {
        FieldChecks checks = new FieldChecks();
        checks.eachUnique(request.getProjects(), "/projects", "projectId", TargetReviewProject::getProjectId,
                (project, at) -> targets(checks, project.getTargets(), at + "/targets"));
        checks.throwIfAny();
    }

    private static void targets(FieldChecks checks, List<ReviewedTarget> targets, String at) {
        for (int t = 0; t < targets.size(); t++) {
            ReviewedTarget target = targets.get(t);
            if (checks.present(target, at + "/" + t) && target.getDimension() == null
                    && target.getIndicator() == null) {
                checks.error(at + "/" + t, "a target needs a dimension or an indicator (or both)");
            }
        }
    }
}
