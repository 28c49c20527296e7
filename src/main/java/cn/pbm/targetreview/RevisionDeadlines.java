package cn.pbm.targetreview;

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
 * The counter of the revision period (整改期限) of every deployed version of the target-review rule set: the
 * disclosure family's {@link DeadlineCounter} (民法典 days) on the holiday calendar files the rule set lists, read
 * and checked at start-up. Weekends follow {@code pbm.disclosure.weekends-shift-deadline}, as the disclosure
 * deadlines do.
 */
@Startup
@ApplicationScoped
public class RevisionDeadlines {

    private final Map<Ruleset, DeadlineCounter> counters = new ConcurrentHashMap<>();

    public RevisionDeadlines(RulesetCatalog catalog,
            @ConfigProperty(name = "pbm.disclosure.weekends-shift-deadline", defaultValue = "true") boolean weekendsShift) {
        for (Ruleset ruleset : catalog.versions(TargetReviewRules.RULESET)) {
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
