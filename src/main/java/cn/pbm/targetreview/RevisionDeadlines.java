package cn.pbm.targetreview;

import cn.pbm.disclosure.DeadlineCounter;
import cn.pbm.disclosure.DisclosureCalendars;
import cn.pbm.platform.Ruleset;
import cn.pbm.platform.RulesetCatalog;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The counter of the revision period (整改期限) of the target-review rule set: the shared
 * {@link DisclosureCalendars} counter (民法典 days on the holiday calendar files the rule set lists; whether a last
 * day on a weekend moves is the rule set's {@code decisions/disclosure/counting.json}). At start-up it checks that
 * every deployed version of the rule set has one, so a version without calendar files stops the service instead of
 * failing a request.
 */
@Startup
@ApplicationScoped
public class RevisionDeadlines {

    private final DisclosureCalendars calendars;

    public RevisionDeadlines(RulesetCatalog catalog, DisclosureCalendars calendars) {
        this.calendars = calendars;
        for (Ruleset ruleset : catalog.versions(TargetReviewRules.RULESET)) {
            calendars.counter(ruleset); // throws when the version lists no holiday calendar file
        }
    }

    public DeadlineCounter counter(Ruleset ruleset) {
        return calendars.counter(ruleset);
    }
}
