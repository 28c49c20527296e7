package cn.pbm.rectification;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import cn.pbm.platform.DecisionOutcome;
import cn.pbm.platform.DecisionShapes.Shape;
import cn.pbm.platform.FamilyTables;
import cn.pbm.platform.Ruleset;
import jakarta.inject.Singleton;

/**
 * The two rectification tables: the default period by the finding's source (dmn/rectification/rectification-periods.dmn,
 * with the holiday calendar in the same rule set), and the status with its consequences
 * (dmn/rectification/status-and-consequences.dmn).
 */
@Singleton
public class RectificationTables extends FamilyTables {

    public static final String PERIODS = "rectification.periods";
    public static final String STATUS = "rectification.status";

    static final Shape<DefaultPeriod> DEFAULT_PERIOD = Shape.of(PERIODS, "defaultPeriod", DefaultPeriod.class);

    public DefaultPeriod defaultPeriod(Ruleset ruleset, String source) {
        return engine.evaluate(ruleset, Map.of("source", source)).as(DEFAULT_PERIOD);
    }

    static final Shape<Status> STATUS_ROW = Shape.of(STATUS, "rectificationStatus", Status.class);
    static final Shape<Consequence> CONSEQUENCES = Shape.listOf(STATUS, "consequences", Consequence.class);

    /**
     * @param effectiveness EFFECTIVE, NOT_EFFECTIVE or NOT_JUDGED (also for a rectification not completed)
     * @param daysPastDue completion (or, when not completed, asOf) minus the due date, in calendar days
     */
    public Outcome status(Ruleset ruleset, boolean completed, String effectiveness, long daysPastDue,
            boolean recurringProject) {
        DecisionOutcome outcome = engine.evaluate(ruleset, inputs("completed", completed,
                "effectiveness", effectiveness, "daysPastDue", BigDecimal.valueOf(daysPastDue),
                "recurringProject", recurringProject));
        Status status = outcome.as(STATUS_ROW);
        return new Outcome(status.status(), status.statusLabel(), status.statusBasis(), outcome.listOf(CONSEQUENCES));
    }

    public record DefaultPeriod(int periodDays, String periodSource) {

        public int days() {
            return periodDays;
        }

        public String source() {
            return periodSource;
        }
    }

    /** Table rectificationStatus. */
    public record Status(String status, String statusLabel, String statusBasis) {
    }

    public record Outcome(String status, String label, String basis, List<Consequence> consequences) {
    }

    /** @param noNewRequests whether the consequence bars the unit's new budget requests next year */
    public record Consequence(String code, String label, String source, boolean noNewRequests) {
    }
}
