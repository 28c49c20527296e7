package cn.pbm.platform;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.inject.Inject;

/**
 * The base of every family's {@code <Family>Tables} (docs/adding-a-policy-family.md, step 8): the engine its
 * decisions are evaluated with and the list of its reads for the start-up check ({@link DecisionShapes.Declaring}),
 * so a table adapter is its rule-set ids, its reads as {@link DecisionShapes.Shape} constants, one method per
 * decision and the records it reads. A family's tables are a {@code @Singleton}: stateless, they need no client proxy.
 */
public abstract class FamilyTables implements DecisionShapes.Declaring {

    protected DecisionEngine engine;

    /** Set once, by the container (or by {@link #using}): the tables need nothing else, so a family writes no constructor. */
    @Inject
    public void engine(DecisionEngine engine) {
        this.engine = engine;
    }

    /** A family's tables outside the container (a test, a benchmark): {@code FamilyTables.using(engine, GradingTables::new)}. */
    public static <T extends FamilyTables> T using(DecisionEngine engine, Supplier<T> tables) {
        T made = tables.get();
        made.engine(engine);
        return made;
    }

    /**
     * The reads this family declares: every {@code static final DecisionShapes.Shape} constant of its class, in the
     * order they are written. A family reads through those constants ({@link DecisionOutcome#as(DecisionShapes.Shape)}),
     * so the list cannot drift from the reads.
     */
    @Override
    public List<DecisionShapes.Shape<?>> shapes() {
        List<DecisionShapes.Shape<?>> shapes = new ArrayList<>();
        for (Class<?> c = getClass(); c != FamilyTables.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == DecisionShapes.Shape.class) {
                    try {
                        field.setAccessible(true);
                        shapes.add((DecisionShapes.Shape<?>) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("cannot read " + field, e);
                    }
                }
            }
        }
        return List.copyOf(shapes);
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
