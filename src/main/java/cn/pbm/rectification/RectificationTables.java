package cn.pbm.rectification;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.DecisionOutcome;
import cn.pbm.platform.DecisionShapes;
import cn.pbm.platform.Ruleset;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The two rectification tables: the default period by the finding's source (dmn/rectification/rectification-periods.dmn,
 * with the holiday calendar in the same rule set), and the status with its consequences
 * (dmn/rectification/status-and-consequences.dmn).
 */
@ApplicationScoped
public class RectificationTables implements DecisionShapes.Declaring {

    public static final String PERIODS = "rectification.periods";
    public static final String STATUS = "rectification.status";

    private final DecisionEngine engine;

    public RectificationTables(DecisionEngine engine) {
        this.engine = engine;
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
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("completed", completed);
        inputs.put("effectiveness", effectiveness);
        inputs.put("daysPastDue", BigDecimal.valueOf(daysPastDue));
        inputs.put("recurringProject", recurringProject);
        DecisionOutcome outcome = engine.evaluate(ruleset, inputs);
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
