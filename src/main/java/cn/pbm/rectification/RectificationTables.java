package cn.pbm.rectification;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.DecisionOutcome;
import cn.pbm.platform.Ruleset;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The two rectification tables: the default period by the finding's source (dmn/rectification/rectification-periods.dmn,
 * with the holiday calendar in the same rule set), and the status with its consequences
 * (dmn/rectification/status-and-consequences.dmn).
 */
@ApplicationScoped
public class RectificationTables {

    public static final String PERIODS = "rectification.periods";
    public static final String STATUS = "rectification.status";

    private final DecisionEngine engine;

    public RectificationTables(DecisionEngine engine) {
        this.engine = engine;
    }

    public DefaultPeriod defaultPeriod(Ruleset ruleset, String source) {
        DecisionOutcome outcome = engine.evaluate(ruleset, Map.of("source", source));
        if (!(outcome.results().get("defaultPeriod") instanceof Map<?, ?> row)
                || !(row.get("periodDays") instanceof BigDecimal days)) {
            throw new IllegalStateException("the period table of " + ruleset.id() + " " + ruleset.version()
                    + " gives no default period for source " + source);
        }
        return new DefaultPeriod(days.intValueExact(), outcome.text("defaultPeriod", "periodSource"));
    }

    /**
     * @param effectiveness EFFECTIVE, NOT_EFFECTIVE or NOT_JUDGED (also for a rectification not completed)
     * @param daysPastDue completion (or, when not completed, asOf) minus the due date, in calendar days
     */
    public Outcome status(Ruleset ruleset, boolean completed, String effectiveness, long daysPastDue,
            boolean recurringProject) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("completed", completed);
        inputs.put("effectiveness", effectiveness);
        inputs.put("daysPastDue", BigDecimal.valueOf(daysPastDue));
        inputs.put("recurringProject", recurringProject);
        DecisionOutcome outcome = engine.evaluate(ruleset, inputs);
        List<Consequence> consequences = new ArrayList<>();
        Object rows = outcome.results().get("consequences");
        if (rows instanceof List<?> list) {
            for (Object row : list) {
                if (!(row instanceof Map<?, ?> c) || !(c.get("code") instanceof String code)
                        || !(c.get("label") instanceof String label) || !(c.get("source") instanceof String source)
                        || !(c.get("noNewRequests") instanceof Boolean noNewRequests)) {
                    throw new IllegalStateException("the consequences table of " + ruleset.id() + " " + ruleset.version()
                            + " gave an incomplete row: " + row);
                }
                consequences.add(new Consequence(code, label, source, noNewRequests));
            }
        } else if (rows instanceof Map<?, ?> single) { // a COLLECT table with one matching row may answer the row itself
            throw new IllegalStateException("the consequences table answered a single row, not a list: " + single);
        }
        return new Outcome(outcome.text("rectificationStatus", "status"),
                outcome.text("rectificationStatus", "statusLabel"), outcome.text("rectificationStatus", "statusBasis"),
                List.copyOf(consequences));
    }

    public record DefaultPeriod(int days, String source) {
    }

    public record Outcome(String status, String label, String basis, List<Consequence> consequences) {
    }

    /** @param noNewRequests whether the consequence bars the unit's new budget requests next year */
    public record Consequence(String code, String label, String source, boolean noNewRequests) {
    }
}
