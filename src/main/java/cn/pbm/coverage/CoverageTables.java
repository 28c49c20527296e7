package cn.pbm.coverage;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.DecisionOutcome;
import cn.pbm.platform.DecisionShapes;
import cn.pbm.platform.Ruleset;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The coverage table (dmn/coverage/coverage-measures.dmn): for each measure, which item flag counts as covered,
 * which items are in scope, the measure's goal and the sources. One evaluation per measure and request.
 */
@ApplicationScoped
public class CoverageTables implements DecisionShapes.Declaring {

    public static final String RULESET = "coverage.measures";

    private final DecisionEngine engine;

    public CoverageTables(DecisionEngine engine) {
        this.engine = engine;
    }

    public Measure measure(Ruleset ruleset, String measure) {
        return engine.evaluate(ruleset, Map.of("measure", measure)).as("coverageMeasure", Measure.class);
    }

    @Override
    public List<DecisionShapes.Shape> shapes() {
        return List.of(DecisionShapes.Shape.of(RULESET, "coverageMeasure", Measure.class));
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
