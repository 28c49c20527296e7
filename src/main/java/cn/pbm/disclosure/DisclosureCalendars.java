package cn.pbm.disclosure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import cn.pbm.platform.Ruleset;
import cn.pbm.platform.RulesetCatalog;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The holiday calendar of every deployed version of the disclosure rule set, read and checked at start-up (a
 * broken year file stops the service rather than miscounting), and its counter, which shifts a last day off a
 * weekend when the version's {@code decisions/disclosure/counting.json} says so ({@code weekendsShiftDeadline}):
 * policy that changes due dates is part of the hashed rule set, so flipping it is a new version.
 */
@Startup
@ApplicationScoped
public class DisclosureCalendars {

    private final Map<Ruleset, DeadlineCounter> counters = new ConcurrentHashMap<>();
    private final Map<Ruleset, HolidayCalendar> calendars = new ConcurrentHashMap<>();

    static final String COUNTING_FILE = "disclosure/counting.json";

    public DisclosureCalendars(RulesetCatalog catalog) {
        for (Ruleset ruleset : catalog.all()) {
            HolidayCalendar calendar = HolidayCalendar.of(ruleset);
            boolean counts = ruleset.id().equals(DisclosureDecisions.KINDS) || !calendar.years().isEmpty();
            if (!counts) {
                continue; // a rule set that counts no statutory period
            }
            if (calendar.years().isEmpty()) {
                throw new IllegalStateException("rule set " + ruleset.id() + " " + ruleset.version()
                        + " lists no holiday calendar file (calendar/<year>.json)");
            }
            calendars.put(ruleset, calendar);
            counters.put(ruleset, new DeadlineCounter(calendar, weekendsShift(ruleset)));
        }
    }

    /** The version's {@code counting.json}: whether a last day on a weekend moves to the next working day. */
    static boolean weekendsShift(Ruleset ruleset) {
        Ruleset.RuleFile file = ruleset.files().stream().filter(f -> f.path().endsWith(COUNTING_FILE)).findFirst()
                .orElseThrow(() -> new IllegalStateException("rule set " + ruleset.id() + " " + ruleset.version()
                        + " lists no " + COUNTING_FILE + " (whether weekends shift a deadline)"));
        try {
            com.fasterxml.jackson.databind.JsonNode value = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(file.content()).get("weekendsShiftDeadline");
            if (value == null || !value.isBoolean()) {
                throw new IllegalStateException(file.path() + ": weekendsShiftDeadline must be true or false");
            }
            return value.booleanValue();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(file.path() + " is not valid JSON", e);
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
