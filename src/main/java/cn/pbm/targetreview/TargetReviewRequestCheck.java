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
        FieldChecks.Unique projectIds = checks.unique();
        List<TargetReviewProject> projects = request.getProjects();
        for (int i = 0; i < projects.size(); i++) {
            String at = "/projects/" + i;
            TargetReviewProject project = projects.get(i);
            if (!checks.present(project, at)) {
                continue;
            }
            projectIds.check(project.getProjectId(), at + "/projectId");
            List<ReviewedTarget> targets = project.getTargets();
            for (int t = 0; t < targets.size(); t++) {
                ReviewedTarget target = targets.get(t);
                String targetAt = at + "/targets/" + t;
                if (checks.present(target, targetAt) && target.getDimension() == null
                        && target.getIndicator() == null) {
                    checks.error(targetAt, "a target needs a dimension or an indicator (or both)");
                }
            }
        }
        checks.throwIfAny();
    }
}
