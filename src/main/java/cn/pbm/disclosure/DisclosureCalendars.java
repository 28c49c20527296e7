package cn.pbm.disclosure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import cn.pbm.platform.Ruleset;
import cn.pbm.platform.RulesetCatalog;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The holiday calendar of every deployed version of the disclosure rule set, read and checked at start-up (a
 * broken year file stops the service rather than miscounting), and the counter configured by
 * {@code pbm.disclosure.weekends-shift-deadline}.
 */
@Startup
@ApplicationScoped
public class DisclosureCalendars {

    private final Map<Ruleset, DeadlineCounter> counters = new ConcurrentHashMap<>();
    private final Map<Ruleset, HolidayCalendar> calendars = new ConcurrentHashMap<>();

    public DisclosureCalendars(RulesetCatalog catalog,
            @ConfigProperty(name = "pbm.disclosure.weekends-shift-deadline", defaultValue = "true") boolean weekendsShift) {
        for (Ruleset ruleset : catalog.versions(DisclosureDecisions.KINDS)) {
            HolidayCalendar calendar = HolidayCalendar.of(ruleset);
            if (calendar.years().isEmpty()) {
                throw new IllegalStateException("rule set " + ruleset.id() + " " + ruleset.version()
                        + " lists no holiday calendar file (calendar/<year>.json)");
            }
            calendars.put(ruleset, calendar);
            counters.put(ruleset, new DeadlineCounter(calendar, weekendsShift));
        }
    }

    public HolidayCalendar calendar(Ruleset ruleset) {
        return calendars.get(ruleset);
    }

    public DeadlineCounter counter(Ruleset ruleset) {
        DeadlineCounter counter = counters.get(ruleset);
        if (counter == null) {
            throw new IllegalStateException("no holiday calendar for rule set " + ruleset.id() + " " + ruleset.version());
        }
        return counter;
    }
}
