package cn.pbm.warning;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.api.model.MonitoredTarget;
import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.DecisionOutcome;
import cn.pbm.platform.DecisionShapes;
import cn.pbm.platform.Ruleset;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The lights of a project, from the DMN tables of dmn/warning/monitoring-lights.dmn (one evaluation per
 * project): the execution light, one light per target, and the project's light (the worst) with its label.
 */
@ApplicationScoped
public class WarningTables implements DecisionShapes.Declaring {

    /** The lights (this model) and the follow-up rules (decisions/warning/) are one rule set. */
    static final String RULESET = "warning.execution-monitoring";

    private final DecisionEngine engine;

    public WarningTables(DecisionEngine engine) {
        this.engine = engine;
    }

    public Lights of(Ruleset ruleset, BigDecimal timeProgress, BigDecimal executionRate, List<MonitoredTarget> targets) {
        return lights(engine.evaluate(ruleset, inputs(timeProgress, executionRate, targets)));
    }

    /** The lights of each project of a list, in list order (the engine spreads a long list over the cores). */
    public List<Lights> ofEach(Ruleset ruleset, BigDecimal timeProgress, List<Project> projects) {
        List<Map<String, Object>> inputs = new ArrayList<>(projects.size());
        for (Project project : projects) {
            inputs.add(inputs(timeProgress, project.executionRate(), project.targets()));
        }
        List<DecisionOutcome> outcomes = engine.evaluateEach(ruleset, inputs);
        List<Lights> lights = new ArrayList<>(outcomes.size());
        for (DecisionOutcome outcome : outcomes) {
            lights.add(lights(outcome));
        }
        return lights;
    }

    private static Map<String, Object> inputs(BigDecimal timeProgress, BigDecimal executionRate,
            List<MonitoredTarget> targets) {
        List<Map<String, Object>> targetInputs = new ArrayList<>(targets.size());
        for (MonitoredTarget target : targets) {
            targetInputs.add(Map.of("direction", target.getDirection().value(),
                    "expected", target.getExpected(), "actual", target.getActual()));
        }
        Map<String, Object> inputs = new HashMap<>(4);
        inputs.put("timeProgress", timeProgress);
        inputs.put("executionRate", executionRate);
        inputs.put("targets", targetInputs);
        return inputs;
    }

    private static Lights lights(DecisionOutcome outcome) {
        ProjectLight project = outcome.as("projectLight", ProjectLight.class);
        return new Lights(outcome.as("executionLight", String.class), outcome.listOf("targetLights", String.class),
                project.light(), project.lightLabel());
    }

    @Override
    public List<DecisionShapes.Shape> shapes() {
        return List.of(DecisionShapes.Shape.of(RULESET, "executionLight", String.class),
                DecisionShapes.Shape.listOf(RULESET, "targetLights", String.class),
                DecisionShapes.Shape.of(RULESET, "projectLight", ProjectLight.class));
    }

    /** Table projectLight: the worst light and its label. */
    public record ProjectLight(String light, String lightLabel) {
    }

    /** What the lights of one project are decided from. */
    public record Project(BigDecimal executionRate, List<MonitoredTarget> targets) {
    }

    /** Light codes (RED, YELLOW, GREEN) and the project light's label, as the tables say. */
    public record Lights(String executionLight, List<String> targetLights, String light, String lightLabel) {
    }
}
