package cn.pbm.warning;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.api.model.MonitoredTarget;
import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.DecisionOutcome;
import cn.pbm.platform.Ruleset;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The lights of one project, from the DMN tables of dmn/warning/monitoring-lights.dmn (one evaluation per
 * project): the execution light, one light per target, and the project's light (the worst) with its label.
 */
@ApplicationScoped
public class WarningLights {

    private final DecisionEngine engine;

    public WarningLights(DecisionEngine engine) {
        this.engine = engine;
    }

    public Lights of(Ruleset ruleset, BigDecimal timeProgress, BigDecimal executionRate, List<MonitoredTarget> targets) {
        List<Map<String, Object>> targetInputs = new ArrayList<>(targets.size());
        for (MonitoredTarget target : targets) {
            targetInputs.add(Map.of("direction", target.getDirection().value(),
                    "expected", target.getExpected(), "actual", target.getActual()));
        }
        Map<String, Object> inputs = new HashMap<>(4);
        inputs.put("timeProgress", timeProgress);
        inputs.put("executionRate", executionRate);
        inputs.put("targets", targetInputs);
        DecisionOutcome outcome = engine.evaluate(ruleset, inputs);
        return new Lights((String) outcome.results().get("executionLight"),
                targetLights(outcome.results().get("targetLights")),
                outcome.text("projectLight", "light"),
                outcome.text("projectLight", "lightLabel"));
    }

    private static List<String> targetLights(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalStateException("decision 'targetLights' did not produce a list but " + value);
        }
        List<String> lights = new ArrayList<>(list.size());
        for (Object light : list) {
            lights.add((String) light);
        }
        return lights;
    }

    /** Light codes (RED, YELLOW, GREEN) and the project light's label, as the tables say. */
    public record Lights(String executionLight, List<String> targetLights, String light, String lightLabel) {
    }
}
