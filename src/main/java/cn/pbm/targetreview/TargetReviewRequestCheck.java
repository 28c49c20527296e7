package cn.pbm.targetreview;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.api.model.FieldError;
import cn.pbm.api.model.ReviewedTarget;
import cn.pbm.api.model.TargetReviewProject;
import cn.pbm.api.model.TargetReviewRequest;
import cn.pbm.platform.InvalidRequestException;
import cn.pbm.platform.Problems;

/**
 * The checks the contract's schema cannot express, over the whole request before anything is decided: unique
 * project ids, no null items, and a target that names at least a dimension or an indicator. The schema has already
 * rejected a missing {@code reviewDate}, an empty list and unknown enum values. Every offending field is named.
 */
final class TargetReviewRequestCheck {

    private TargetReviewRequestCheck() {
    }

    static void check(TargetReviewRequest request) {
        List<FieldError> errors = new ArrayList<>();
        List<TargetReviewProject> projects = request.getProjects();
        Map<String, Integer> firstIndex = new HashMap<>(projects.size() * 2);
        for (int i = 0; i < projects.size(); i++) {
            String at = "/projects/" + i;
            TargetReviewProject project = projects.get(i);
            if (project == null) {
                errors.add(Problems.field(at, "must not be null"));
                continue;
            }
            Integer first = firstIndex.putIfAbsent(project.getProjectId(), i);
            if (first != null) {
                errors.add(Problems.field(at + "/projectId",
                        "duplicate projectId '" + project.getProjectId() + "', first at /projects/" + first));
            }
            List<ReviewedTarget> targets = project.getTargets();
            for (int t = 0; t < targets.size(); t++) {
                ReviewedTarget target = targets.get(t);
                String targetAt = at + "/targets/" + t;
                if (target == null) {
                    errors.add(Problems.field(targetAt, "must not be null"));
                } else if (target.getDimension() == null && target.getIndicator() == null) {
                    errors.add(Problems.field(targetAt, "a target needs a dimension or an indicator (or both)"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
