package cn.pbm.platform;

import java.time.LocalDate;
import java.util.List;

/** No deployed version of a policy was in force on the date the request is about. Answered 422. */
public class NoRulesetInForceException extends RuntimeException {

    private final String rulesetId;
    private final LocalDate date;

    public NoRulesetInForceException(String rulesetId, LocalDate date, List<Ruleset> deployed) {
        super("no version of rule set '" + rulesetId + "' is in force on " + date + "; deployed: "
                + deployed.stream().map(r -> r.version() + " from " + r.effectiveFrom()
                        + (r.effectiveTo() == null ? "" : " to " + r.effectiveTo())).toList());
        this.rulesetId = rulesetId;
        this.date = date;
    }

    public String rulesetId() {
        return rulesetId;
    }

    public LocalDate date() {
        return date;
    }
}
