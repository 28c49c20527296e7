package cn.pbm.coverage;

import java.math.BigDecimal;
import java.util.Map;

import cn.pbm.platform.DecisionOutcome;
import cn.pbm.platform.DecisionShapes.Shape;
import cn.pbm.platform.FamilyTables;
import cn.pbm.platform.Ruleset;
import jakarta.inject.Singleton;

/**
 * The coverage table (dmn/coverage/coverage-measures.dmn): for each measure, which item flag counts as covered,
 * which items are in scope, the measure's goal and the sources. One evaluation per measure and request.
 */
@Singleton
public class CoverageTables extends FamilyTables {

    public static final String RULESET = "coverage.measures";

    static final Shape<Measure> MEASURE = Shape.of(RULESET, "coverageMeasure", Measure.class);

    public Measure measure(Ruleset ruleset, String measure) {
        return engine.evaluate(ruleset, Map.of("measure", measure)).as(MEASURE);
    }

    /**
     * One row of the table.
     *
     * @param goal the goal rate by count (1 = 100%), or null when the table sets none
     */
    public record Measure(String label, String coveredBy, String scope, String source,
            @DecisionOutcome.OrNull BigDecimal goal,
            String goalSource) {
    }
}
