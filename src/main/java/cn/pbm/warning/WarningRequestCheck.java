package cn.pbm.warning;

import java.math.BigDecimal;
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
 * unique project ids, executed and forecast within the budget, no null items, at most 6 decimal places. The schema has already
 * rejected missing fields, negative money, a budget or target of 0 and unknown directions.
 */
final class WarningRequestCheck {

    static final int MAX_DECIMALS = 6;

    private WarningRequestCheck() {
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
            boolean comparable = decimals(errors, at + "/budget", project.getBudget())
                    & decimals(errors, at + "/executed", project.getExecuted())
                    & decimals(errors, at + "/forecastYearEndExecuted", project.getForecastYearEndExecuted());
            Integer first = firstIndex.putIfAbsent(project.getProjectId(), i);
            if (first != null) {
                errors.add(Problems.field(at + "/projectId",
                        "duplicate projectId '" + project.getProjectId() + "', first at /projects/" + first));
            }
            if (comparable && project.getExecuted().compareTo(project.getBudget()) > 0) {
                errors.add(Problems.field(at + "/executed", "must not be above budget"));
            }
            if (comparable && project.getForecastYearEndExecuted() != null) {
                if (project.getForecastYearEndExecuted().compareTo(project.getBudget()) > 0) {
                    errors.add(Problems.field(at + "/forecastYearEndExecuted", "must not be above budget"));
                } else if (project.getForecastYearEndExecuted().compareTo(project.getExecuted()) < 0) {
                    errors.add(Problems.field(at + "/forecastYearEndExecuted", "must not be below executed"));
                }
            }
            List<MonitoredTarget> targets = project.getTargets();
            if (targets != null) {
                for (int t = 0; t < targets.size(); t++) {
                    MonitoredTarget target = targets.get(t);
                    if (target == null) {
                        errors.add(Problems.field(at + "/targets/" + t, "must not be null"));
                    } else {
                        decimals(errors, at + "/targets/" + t + "/expected", target.getExpected());
                        decimals(errors, at + "/targets/" + t + "/actual", target.getActual());
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    /**
     * At most {@value #MAX_DECIMALS} decimal places: with the contract's maximum this keeps every number within
     * what exact decimal arithmetic can compare (1e-999999999 would overflow it, and no amount has such a unit).
     */
    private static boolean decimals(List<FieldError> errors, String pointer, BigDecimal value) {
        if (value != null && value.scale() > MAX_DECIMALS && value.stripTrailingZeros().scale() > MAX_DECIMALS) {
            errors.add(Problems.field(pointer, "must have at most " + MAX_DECIMALS + " decimal places"));
            return false;
        }
        return true;
    }
}
