package cn.pbm.disclosure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import cn.pbm.platform.Ruleset;
import cn.pbm.platform.RulesetCatalog;
import cn.pbm.platform.RulesetHealth;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The holiday calendar of every deployed rule-set version that counts statutory periods (the disclosure rule set,
 * and any other that lists calendar year files: rectification, target review), read and checked at start-up, and
 * its counter, which shifts a last day off a weekend when the version's {@code decisions/disclosure/counting.json}
 * says so ({@code weekendsShiftDeadline}): policy that changes due dates is part of the hashed rule set, so
 * flipping it is a new version. A broken year file never miscounts: the version is noted in {@link RulesetHealth}
 * (not ready, naming the file) and its calls are answered 503.
 */
@Startup
@ApplicationScoped
public class DisclosureCalendars {

    private final Map<Ruleset, DeadlineCounter> counters = new ConcurrentHashMap<>();
    private final Map<Ruleset, HolidayCalendar> calendars = new ConcurrentHashMap<>();

    static final String COUNTING_FILE = "disclosure/counting.json";

    private final RulesetHealth health;

    public DisclosureCalendars(RulesetCatalog catalog, RulesetHealth health) {
        this.health = health;
        for (Ruleset ruleset : catalog.all()) {
            boolean counts = ruleset.id().equals(DisclosureTables.KINDS)
                    || ruleset.files().stream().anyMatch(f -> f.path().endsWith(".json"));
            if (!counts) {
                continue; // a rule set that counts no statutory period
            }
            HolidayCalendar calendar;
            boolean weekendsShift;
            try {
                calendar = HolidayCalendar.of(ruleset);
                weekendsShift = weekendsShift(ruleset);
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
