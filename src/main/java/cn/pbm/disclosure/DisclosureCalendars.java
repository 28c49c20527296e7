package cn.pbm.disclosure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import cn.pbm.platform.Ruleset;
import cn.pbm.platform.RulesetCatalog;
import cn.pbm.platform.RulesetHealth;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The holiday calendar of every deployed version of the disclosure rule set, read and checked at start-up, and
 * the counter configured by {@code pbm.disclosure.weekends-shift-deadline}. A broken year file never miscounts:
 * the version is noted in {@link RulesetHealth} (not ready, naming the file) and its calls are answered 503.
 */
@Startup
@ApplicationScoped
public class DisclosureCalendars {

    private final Map<Ruleset, DeadlineCounter> counters = new ConcurrentHashMap<>();
    private final Map<Ruleset, HolidayCalendar> calendars = new ConcurrentHashMap<>();

    private final RulesetHealth health;

    public DisclosureCalendars(RulesetCatalog catalog,
            @ConfigProperty(name = "pbm.disclosure.weekends-shift-deadline", defaultValue = "true") boolean weekendsShift,
            RulesetHealth health) {
        this.health = health;
        for (Ruleset ruleset : catalog.versions(DisclosureDecisions.KINDS)) {
            HolidayCalendar calendar;
            try {
                calendar = HolidayCalendar.of(ruleset);
            } catch (RuntimeException e) {
                health.broken(ruleset, ruleset.files().stream().map(Ruleset.RuleFile::path)
                        .filter(p -> p.endsWith(".json")).collect(java.util.stream.Collectors.joining(", ")), e);
                continue;
            }
            if (calendar.years().isEmpty()) {
                health.broken(ruleset, "calendar/<year>.json", "rule set " + ruleset.id() + " " + ruleset.version()
                        + " lists no holiday calendar file (calendar/<year>.json)");
                continue;
            }
            calendars.put(ruleset, calendar);
            counters.put(ruleset, new DeadlineCounter(calendar, weekendsShift));
        }
    }

    /** How many rule-set versions have their holiday calendar loaded. */
    public int loaded() {
        return calendars.size();
    }

    public HolidayCalendar calendar(Ruleset ruleset) {
        return calendars.get(ruleset);
    }

    public DeadlineCounter counter(Ruleset ruleset) {
        DeadlineCounter counter = counters.get(ruleset);
        if (counter == null) {
            health.requireLoaded(ruleset);
            throw new IllegalStateException("no holiday calendar for rule set " + ruleset.id() + " " + ruleset.version());
        }
        return counter;
    }
}
