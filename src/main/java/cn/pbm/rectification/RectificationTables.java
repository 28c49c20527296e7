package cn.pbm.rectification;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.DecisionOutcome;
import cn.pbm.platform.DecisionShapes;
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

    public RectificationTables(DecisionEngine engine) {
        super(engine);
    }

    public DefaultPeriod defaultPeriod(Ruleset ruleset, String source) {
        return engine.evaluate(ruleset, Map.of("source", source)).as("defaultPeriod", DefaultPeriod.class);
    }

    /**
     * @param effectiveness EFFECTIVE, NOT_EFFECTIVE or NOT_JUDGED (also for a rectification not completed)
     * @param daysPastDue completion (or, when not completed, asOf) minus the due date, in calendar days
     */
    public Outcome status(Ruleset ruleset, boolean completed, String effectiveness, long daysPastDue,
            boolean recurringProject) {
        DecisionOutcome outcome = engine.evaluate(ruleset, inputs("completed", completed,
                "effectiveness", effectiveness, "daysPastDue", BigDecimal.valueOf(daysPastDue),
                "recurringProject", recurringProject));
        Status status = outcome.as("rectificationStatus", Status.class);
        return new Outcome(status.status(), status.statusLabel(), status.statusBasis(),
                outcome.listOf("consequences", Consequence.class));
    }

    @Override
    public List<DecisionShapes.Shape> shapes() {
        return List.of(DecisionShapes.Shape.of(PERIODS, "defaultPeriod", DefaultPeriod.class),
                DecisionShapes.Shape.of(STATUS, "rectificationStatus", Status.class),
                DecisionShapes.Shape.listOf(STATUS, "consequences", Consequence.class));
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
