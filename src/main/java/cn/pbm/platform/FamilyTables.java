package cn.pbm.platform;

import java.util.HashMap;
import java.util.Map;

/**
 * The base of every family's {@code <Family>Tables} (docs/adding-a-policy-family.md, step 8): the engine its
 * decisions are evaluated with, so a table adapter is its rule-set ids, one method per decision and the records it
 * reads, and lists those reads ({@link DecisionShapes.Declaring}) for the start-up check. A family's tables are a
 * {@code @Singleton}: stateless, they need no client proxy (which would need a constructor without the engine).
 */
public abstract class FamilyTables implements DecisionShapes.Declaring {

    protected final DecisionEngine engine;

    protected FamilyTables(DecisionEngine engine) {
        this.engine = engine;
    }

    /**
     * The inputs of one evaluation (or a context inside them), by name: {@code "score", score, "date", date, ...}.
     * A value may be null (the model then sees an input given as null, which {@code Map.of} cannot hold).
     */
    protected static Map<String, Object> inputs(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("inputs come as name, value pairs");
        }
        Map<String, Object> inputs = new HashMap<>(namesAndValues.length);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            inputs.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return inputs;
    }
}
