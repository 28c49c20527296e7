package cn.pbm.rectification;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import cn.pbm.disclosure.DeadlineCounter;
import cn.pbm.disclosure.HolidayCalendar;
import cn.pbm.platform.Ruleset;
import cn.pbm.platform.RulesetCatalog;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The holiday calendar of every deployed version of the rectification-period rule set (the same year files as the
 * disclosure rule set lists), read and checked at start-up, and the disclosure deadline counter over it, configured
 * by {@code pbm.disclosure.weekends-shift-deadline}: a rectification period counts like a disclosure period.
 */
@Startup
@ApplicationScoped
public class RectificationCalendars {

    private final Map<Ruleset, DeadlineCounter> counters = new ConcurrentHashMap<>();

    public RectificationCalendars(RulesetCatalog catalog,
            @ConfigProperty(name = "pbm.disclosure.weekends-shift-deadline", defaultValue = "true") boolean weekendsShift) {
        for (Ruleset ruleset : catalog.versions(RectificationDecisions.PERIODS)) {
            HolidayCalendar calendar = HolidayCalendar.of(ruleset);
            if (calendar.years().isEmpty()) {
                throw new IllegalStateException("rule set " + ruleset.id() + " " + ruleset.version()
                        + " lists no holiday calendar file (calendar/<year>.json)");
            }
            counters.put(ruleset, new DeadlineCounter(calendar, weekendsShift));
        }
    }

    public DeadlineCounter counter(Ruleset ruleset) {
        DeadlineCounter counter = counters.get(ruleset);
        if (counter == null) {
            throw new IllegalStateException("no holiday calendar for rule set " + ruleset.id() + " " + ruleset.version());
        }
        return counter;
    }
}
