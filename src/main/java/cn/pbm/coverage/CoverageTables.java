package cn.pbm.coverage;

import java.math.BigDecimal;
import java.util.Map;

import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.DecisionOutcome;
import cn.pbm.platform.Ruleset;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The coverage table (dmn/coverage/coverage-measures.dmn): for each measure, which item flag counts as covered,
 * which items are in scope, the measure's goal and the sources. One evaluation per measure and request.
 */
@ApplicationScoped
public class CoverageTables {

    public static final String RULESET = "coverage.measures";

    private final DecisionEngine engine;

    public CoverageTables(DecisionEngine engine) {
        this.engine = engine;
    }

    public Measure measure(Ruleset ruleset, String measure) {
        DecisionOutcome outcome = engine.evaluate(ruleset, Map.of("measure", measure));
        if (!(outcome.results().get("coverageMeasure") instanceof Map<?, ?> row)) {
            throw new IllegalStateException("the coverage table of " + ruleset.id() + " " + ruleset.version()
                    + " has no row for measure " + measure);
        }
        Object goal = row.get("goal");
        if (goal != null && !(goal instanceof BigDecimal)) {
            throw new IllegalStateException("the coverage table gives a goal that is not a number for " + measure);
        }
        return new Measure(outcome.text("coverageMeasure", "label"), outcome.text("coverageMeasure", "coveredBy"),
                outcome.text("coverageMeasure", "scope"), outcome.text("coverageMeasure", "source"),
                (BigDecimal) goal, outcome.text("coverageMeasure", "goalSource"));
    }

    /**
     * One row of the table.
     *
     * @param goal the goal rate by count (1 = 100%), or null when the table sets none
     */
    public record Measure(String label, String coveredBy, String scope, String source, BigDecimal goal,
            String goalSource) {
    }
}
