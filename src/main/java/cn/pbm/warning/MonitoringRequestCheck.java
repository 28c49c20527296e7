package cn.pbm.warning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.api.model.FieldError;
import cn.pbm.api.model.MonitoredProject;
import cn.pbm.api.model.MonitoredTarget;
import cn.pbm.api.model.MonitoringRequest;
import cn.pbm.platform.InvalidRequestException;
import cn.pbm.platform.Problems;

/**
 * The checks the contract's schema cannot express, over the whole request before anything is decided:
 * unique project ids, executed and forecast within the budget, no null items. The schema has already
 * rejected missing fields, negative money, a budget or target of 0 and unknown directions.
 */
final class MonitoringRequestCheck {

    private MonitoringRequestCheck() {
    }

    static void check(MonitoringRequest request) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>(request.getProjects().size() * 2);
        List<MonitoredProject> projects = request.getProjects();
        for (int i = 0; i < projects.size(); i++) {
            String at = "/projects/" + i;
            MonitoredProject project = projects.get(i);
            if (project == null) {
                errors.add(Problems.field(at, "must not be null"));
                continue;
            }
            Integer first = firstIndex.putIfAbsent(project.getProjectId(), i);
            if (first != null) {
                errors.add(Problems.field(at + "/projectId",
                        "duplicate projectId '" + project.getProjectId() + "', first at /projects/" + first));
            }
            if (project.getExecuted().compareTo(project.getBudget()) > 0) {
                errors.add(Problems.field(at + "/executed", "must not be above budget"));
            }
            if (project.getForecastYearEndExecuted() != null) {
                if (project.getForecastYearEndExecuted().compareTo(project.getBudget()) > 0) {
                    errors.add(Problems.field(at + "/forecastYearEndExecuted", "must not be above budget"));
                } else if (project.getForecastYearEndExecuted().compareTo(project.getExecuted()) < 0) {
                    errors.add(Problems.field(at + "/forecastYearEndExecuted", "must not be below executed"));
                }
            }
            List<MonitoredTarget> targets = project.getTargets();
            if (targets != null) {
                for (int t = 0; t < targets.size(); t++) {
                    if (targets.get(t) == null) {
                        errors.add(Problems.field(at + "/targets/" + t, "must not be null"));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
