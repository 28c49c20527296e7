package cn.pbm.warning;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.api.model.MonitoredTarget;
import cn.pbm.platform.DecisionOutcome;
import cn.pbm.platform.DecisionShapes.Shape;
import cn.pbm.platform.FamilyTables;
import cn.pbm.platform.Ruleset;
import jakarta.inject.Singleton;

/**
 * The lights of a project, from the DMN model of the rule set's version (dmn/warning/monitoring-lights.*.dmn, one
 * evaluation per project): the time progress and the execution rate (computed by the model from 2.2.0 on), the
 * execution light, one light per target, and the project's light (the worst) with its label.
 */
@Singleton
public class WarningTables extends FamilyTables {

    /** The lights (this model) and the follow-up rules (decisions/warning/) are one rule set. */
    static final String RULESET = "warning.execution-monitoring";
    private static final String TIME_PROGRESS = "timeProgress";
    private static final String EXECUTION_RATE = "executionRate";

    static final Shape<String> EXECUTION_LIGHT = Shape.of(RULESET, "executionLight", String.class);
    static final Shape<String> TARGET_LIGHTS = Shape.listOf(RULESET, "targetLights", String.class);
    static final Shape<ProjectLight> PROJECT_LIGHT = Shape.of(RULESET, "projectLight", ProjectLight.class);

    public Lights of(Ruleset ruleset, LocalDate asOf, Project project) {
        boolean ratiosGiven = takesRatios(ruleset);
        Map<String, Object> in = inputs(asOf, project, ratiosGiven);
        return lights(engine.evaluate(ruleset, in), in, ratiosGiven);
    }

    /**
     * The lights of each project of a list, in list order (the engine spreads a long list over the cores). Issue 19:
     * a project's inputs are made when the engine takes the project up (on the core that evaluates it, and garbage
     * right after: 100,000 input maps are never held at once), and the outcomes are read into lights on all cores.
     */
    public List<Lights> ofEach(Ruleset ruleset, LocalDate asOf, List<Project> projects) {
        boolean ratiosGiven = takesRatios(ruleset);
        List<Map<String, Object>> inputs = new java.util.AbstractList<>() {
            @Override
            public Map<String, Object> get(int i) {
                return WarningTables.inputs(asOf, projects.get(i), ratiosGiven);
            }

            @Override
            public int size() {
                return projects.size();
            }
        };
        List<DecisionOutcome> outcomes = engine.evaluateEach(ruleset, inputs);
        Lights[] lights = new Lights[outcomes.size()];
        java.util.stream.IntStream indexes = java.util.stream.IntStream.range(0, lights.length);
        (lights.length >= PARALLEL_FROM ? indexes.parallel() : indexes)
                .forEach(i -> lights[i] = lights(outcomes.get(i), ratiosGiven ? inputs.get(i) : null, ratiosGiven));
        return List.of(lights);
    }

    /** From this many projects the outcomes are read on all cores (reading one takes a few microseconds). */
    private static final int PARALLEL_FROM = 1024;

    /**
     * Whether the version's model takes the two ratios as inputs (2.0.0 and 2.1.0, kept only to replay their
     * decisions) instead of computing them from {@code asOf}, {@code executed} and {@code budget} (2.2.0 on).
     */
    private boolean takesRatios(Ruleset ruleset) {
        return engine.takesInput(ruleset, TIME_PROGRESS);
    }

    private static Map<String, Object> inputs(LocalDate asOf, Project project, boolean ratiosGiven) {
        List<MonitoredTarget> targets = project.targets();
        List<Map<String, Object>> targetInputs = new ArrayList<>(targets.size());
        for (MonitoredTarget target : targets) {
            targetInputs.add(Map.of("direction", target.getDirection().value(),
                    "expected", target.getExpected(), "actual", target.getActual()));
        }
        Map<String, Object> inputs = new HashMap<>(8);
        if (ratiosGiven) {
            inputs.put(TIME_PROGRESS, RetiredRatios.timeProgress(asOf));
            inputs.put(EXECUTION_RATE, RetiredRatios.executionRate(project.executed(), project.budget()));
        } else {
            inputs.put("asOf", asOf);
            inputs.put("executed", project.executed());
            inputs.put("budget", project.budget());
        }
        inputs.put("targets", targetInputs);
        return inputs;
    }

    private static Lights lights(DecisionOutcome outcome, Map<String, Object> inputs, boolean ratiosGiven) {
        ProjectLight project = outcome.as(PROJECT_LIGHT);
        BigDecimal timeProgress = ratiosGiven ? (BigDecimal) inputs.get(TIME_PROGRESS)
                : outcome.as(TIME_PROGRESS, BigDecimal.class);
        BigDecimal executionRate = ratiosGiven ? (BigDecimal) inputs.get(EXECUTION_RATE)
                : outcome.as(EXECUTION_RATE, BigDecimal.class);
        return new Lights(timeProgress, executionRate, outcome.as(EXECUTION_LIGHT), outcome.listOf(TARGET_LIGHTS),
                project.light(), project.lightLabel());
    }

    /** Table projectLight: the worst light and its label. */
    public record ProjectLight(String light, String lightLabel) {
    }

    /** What the lights of one project are decided from (with the list's {@code asOf}). */
    public record Project(BigDecimal executed, BigDecimal budget, List<MonitoredTarget> targets) {
    }

    /**
     * The two ratios, exact (as the model computed them; not rounded), the light codes (RED, YELLOW, GREEN) and
     * the project light's label, as the tables say.
     */
    public record Lights(BigDecimal timeProgress, BigDecimal executionRate, String executionLight,
            List<String> targetLights, String light, String lightLabel) {
    }

    /**
     * The two ratios as the service computed them in Java before 2.2.0, for the versions whose model takes them as
     * inputs (2.0.0 and 2.1.0, no longer in force for any date: kept only so that their logged decisions replay
     * exactly as they were made). From 2.2.0 on the model computes them (decisions 时间进度 and 预算执行率), and
     * WarningTablesRatiosTest holds the two to the same digits. Nothing in force decides with these.
     */
    static final class RetiredRatios {

        private RetiredRatios() {
        }

        /** 时间进度 before 2.2.0: the day of the year of {@code asOf} ÷ the days in that year, 34 digits. */
        static BigDecimal timeProgress(LocalDate asOf) {
            return BigDecimal.valueOf(asOf.getDayOfYear())
                    .divide(BigDecimal.valueOf(asOf.lengthOfYear()), MathContext.DECIMAL128);
        }

        /** 预算执行率 before 2.2.0: executed ÷ budget (budget greater than 0), 34 digits. */
        static BigDecimal executionRate(BigDecimal executed, BigDecimal budget) {
            return executed.divide(budget, MathContext.DECIMAL128);
        }
    }
}
