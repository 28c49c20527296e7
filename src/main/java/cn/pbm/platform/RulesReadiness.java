package cn.pbm.platform;

import java.util.Map;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import cn.pbm.disclosure.DisclosureCalendars;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ready means every rule-set version of the manifest compiled and every holiday calendar loaded. When one did
 * not, the check is DOWN and names, per version, the file and the compiler's (or parser's) message.
 */
@Readiness
@ApplicationScoped
public class RulesReadiness implements HealthCheck {

    private final RulesetCatalog catalog;
    private final RulesetHealth health;
    private final DisclosureCalendars calendars;

    /** The engines and the calendars compile and load at start-up ({@code @Startup}), noting failures in the health. */
    public RulesReadiness(RulesetCatalog catalog, RulesetHealth health, DecisionEngine engine, RuleEngine rules,
            DisclosureCalendars calendars) {
        this.catalog = catalog;
        this.health = health;
        this.calendars = calendars;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, RulesetHealth.Problem> problems = health.problems();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("rule sets")
                .status(problems.isEmpty())
                .withData("deployed", catalog.all().size())
                .withData("loaded", catalog.all().size() - problems.size())
                .withData("holiday calendars loaded", calendars.loaded());
        problems.forEach((version, problem) -> response.withData(version, problem.describe()));
        return response.build();
    }
}
