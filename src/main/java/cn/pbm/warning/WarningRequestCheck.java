package cn.pbm.warning;

import java.util.List;

import cn.pbm.api.model.MonitoredProject;
import cn.pbm.api.model.MonitoredTarget;
import cn.pbm.api.model.MonitoringRequest;
import cn.pbm.platform.FieldChecks;

/**
 * The checks the contract's schema cannot express, over the whole request before anything is decided:
 * unique project ids, executed and forecast within the budget, no null items, at most 6 decimal places. The schema has already
 * rejected missing fields, negative money, a budget or target of 0 and unknown directions.
 */
final class WarningRequestCheck {

    /**
     * At most this many decimal places: with the contract's maximum this keeps every number within what exact
     * decimal arithmetic can compare (1e-999999999 would overflow it, and no amount has such a unit).
     */
    static final int MAX_DECIMALS = 6;

    private WarningRequestCheck() {
    }

    static void check(MonitoringRequest request) {
        FieldChecks checks = new FieldChecks();
        FieldChecks.Unique projectIds = checks.unique();
        List<MonitoredProject> projects = request.getProjects();
        for (int i = 0; i < projects.size(); i++) {
            String at = "/projects/" + i;
            MonitoredProject project = projects.get(i);
            if (!checks.present(project, at)) {
                continue;
            }
            boolean comparable = checks.decimals(project.getBudget(), at + "/budget", MAX_DECIMALS)
                    & checks.decimals(project.getExecuted(), at + "/executed", MAX_DECIMALS)
                    & checks.decimals(project.getForecastYearEndExecuted(), at + "/forecastYearEndExecuted",
                            MAX_DECIMALS);
            projectIds.check(project.getProjectId(), at + "/projectId");
            if (comparable) {
                checks.notAbove(project.getExecuted(), at + "/executed", project.getBudget(), "budget");
                if (project.getForecastYearEndExecuted() != null
                        && project.getForecastYearEndExecuted().compareTo(project.getBudget()) > 0) {
                    checks.notAbove(project.getForecastYearEndExecuted(), at + "/forecastYearEndExecuted",
                            project.getBudget(), "budget");
                } else {
                    checks.notBelow(project.getForecastYearEndExecuted(), at + "/forecastYearEndExecuted",
                            project.getExecuted(), "executed");
                }
            }
            List<MonitoredTarget> targets = project.getTargets();
            if (targets != null) {
                for (int t = 0; t < targets.size(); t++) {
                    MonitoredTarget target = targets.get(t);
                    if (checks.present(target, at + "/targets/" + t)) {
                        checks.decimals(target.getExpected(), at + "/targets/" + t + "/expected", MAX_DECIMALS);
                        checks.decimals(target.getActual(), at + "/targets/" + t + "/actual", MAX_DECIMALS);
                    }
                }
            }
        }
        checks.throwIfAny();
    }
}
