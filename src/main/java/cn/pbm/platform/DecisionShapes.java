package cn.pbm.platform;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNType;
import org.kie.dmn.api.core.ast.DecisionNode;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * The typed read of a decision's output ({@link DecisionOutcome#as}) and its check at start-up. A family's
 * {@code <Family>Tables} declares what it reads ({@link Declaring}: rule set, decision, Java type); every deployed
 * version of that rule set is checked against the model's item definitions when the service starts. A record
 * component the decision does not produce, or one whose type does not fit (a {@code String} where the model says
 * {@code number}, a list where it says one value), makes that version broken in {@link RulesetHealth}: the service
 * is not ready ({@code /q/health/ready} names the file, the decision and the component) and a call that needs the
 * version is answered 503, exactly as for a rule file that does not compile.
 *
 * <p>Java types and the FEEL types they read: {@code String} ← string, {@code BigDecimal} ← number, {@code Integer}
 * ← number (a whole one), {@code Boolean} ← boolean, {@code LocalDate} ← date, a record ← a context (the columns of a
 * table with several outputs, by name), {@code List<X>} ← a collection of X. A component is required unless it is
 * annotated {@link DecisionOutcome.OrNull}. A decision without a type in the model ({@code Any}) is read but cannot
 * be checked before it runs.
 */
@Startup
@ApplicationScoped
public class DecisionShapes {

    /** What a table adapter reads from which rule set. */
    public interface Declaring {
        List<Shape<?>> shapes();
    }

    /**
     * One typed read: the decision {@code decision} of rule set {@code rulesetId} read as {@code type} (as a list of
     * {@code type} when {@code list}). A family's tables hold each read as a constant and read through it
     * ({@link DecisionOutcome#as(Shape)}), so what is checked at start-up is what is read.
     */
    public record Shape<T>(String rulesetId, String decision, Class<T> type, boolean list) {

        public static <T> Shape<T> of(String rulesetId, String decision, Class<T> type) {
            return new Shape<>(rulesetId, decision, type, false);
        }

        public static <T> Shape<T> listOf(String rulesetId, String decision, Class<T> element) {
            return new Shape<>(rulesetId, decision, element, true);
        }
    }

    @Inject
    public DecisionShapes(RulesetCatalog catalog, DecisionEngine engine, RulesetHealth health,
            @Any Instance<Declaring> declaring) {
        this(catalog, engine, health, declaring.stream().toList());
    }

    /** Checks every declared read against every deployed version of its rule set, noting misfits in {@code health}. */
    public DecisionShapes(RulesetCatalog catalog, DecisionEngine engine, RulesetHealth health,
            List<Declaring> declaring) {
        for (Declaring tables : declaring) {
            for (Shape<?> shape : tables.shapes()) {
                List<Ruleset> versions = catalog.versions(shape.rulesetId());
                if (versions.isEmpty()) {
                    throw new IllegalStateException(tables.getClass().getSimpleName() + " reads rule set "
                            + shape.rulesetId() + ", which dmn/rulesets.yaml does not list");
                }
                for (Ruleset ruleset : versions) {
                    Optional<DMNModel> model = engine.compiledModel(ruleset);
                    if (model.isEmpty()) {
                        continue; // did not compile: already broken, with the compiler's message
                    }
                    Optional<String> problem = mismatch(model.get(), shape);
                    if (problem.isPresent()) {
                        health.broken(ruleset, ruleset.files().stream().map(Ruleset.RuleFile::path)
                                .filter(p -> p.endsWith(".dmn")).findFirst().orElse(shape.rulesetId()),
                                tables.getClass().getSimpleName() + " reads " + problem.get());
                        engine.withdraw(ruleset);
                    }
                }
            }
        }
    }

    /** Why the model's decision does not fit the read, or empty when it does (or has no type to check). */
    public static Optional<String> mismatch(DMNModel model, Shape<?> shape) {
        DecisionNode decision = model.getDecisionByName(shape.decision());
        String what = "decision '" + shape.decision() + "' read as " + (shape.list() ? "a list of " : "")
                + shape.type().getSimpleName();
        if (decision == null) {
            return Optional.of(what + ": the model has no such decision");
        }
        DMNType produced = decision.getResultType();
        String problem;
        if (shape.list()) {
            problem = isAny(produced) ? null
                    : !isCollection(produced) ? "the model gives one value, not a list"
                    : fits(element(produced), shape.type(), "", true);
        } else {
            problem = fits(produced, shape.type(), "", false);
        }
        return Optional.ofNullable(problem).map(p -> what + ": " + p);
    }

    /** @param element whether {@code produced} is read as the element of its collection (a list of contexts) */
    private static String fits(DMNType produced, Type java, String path, boolean element) {
        if (isAny(produced)) {
            return null;
        }
        Class<?> raw = raw(java);
        String at = path.isEmpty() ? "" : "component '" + path + "' ";
        if (List.class.isAssignableFrom(raw)) {
            if (element || !isCollection(produced)) {
                return at + "is a list, the model gives one value (" + name(produced) + ")";
            }
            return fits(element(produced), argument(java), path + "[]", true);
        }
        if (!element && isCollection(produced)) {
            return at + "is one value, the model gives a list (" + name(produced) + ")";
        }
        if (raw.isRecord()) {
            DMNType context = composite(produced);
            if (context == null) {
                return at + "is a record, the model gives " + name(produced) + ", not a context";
            }
            for (RecordComponent component : raw.getRecordComponents()) {
                String name = path.isEmpty() ? component.getName() : path + "." + component.getName();
                DMNType field = context.getFields().get(component.getName());
                if (field == null) {
                    return "component '" + name + "' is not produced: " + name(context) + " has "
                            + context.getFields().keySet();
                }
                String problem = fits(field, component.getGenericType(), name, false);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        String feel = feel(raw);
        String builtin = builtin(produced);
        if (feel == null) {
            return at + "has a Java type (" + raw.getSimpleName() + ") that no FEEL type is read as";
        }
        if (builtin == null || !builtin.equals(feel)) {
            return at + "is " + raw.getSimpleName() + " (FEEL " + feel + "), the model gives " + name(produced);
        }
        return null;
    }

    /**
     * Where a value read comes from, for an error message only: put together when a message needs it (issue 19: the
     * names were built for every value of every project read, and a read that fits needs none).
     */
    record Where(Object parent, char open, Object part) {
        @Override
        public String toString() {
            return parent.toString() + open + part + (open == '[' ? "]" : "");
        }
    }

    /** Reads {@code value} (a decision's result or a part of it) as {@code java}; {@code where} names it in errors. */
    static Object read(Object value, Type java, Object where, boolean required) {
        if (value == null) {
            if (required) {
                throw new IllegalStateException(where + " gave no value");
            }
            return null;
        }
        Class<?> raw = raw(java);
        if (List.class.isAssignableFrom(raw)) {
            if (!(value instanceof List<?> list)) {
                throw new IllegalStateException(where + " is not a list but " + value);
            }
            Type element = argument(java);
            List<Object> read = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                read.add(read(list.get(i), element, new Where(where, '[', i), true));
            }
            return List.copyOf(read);
        }
        if (raw.isRecord()) {
            if (!(value instanceof Map<?, ?> row)) {
                throw new IllegalStateException(where + " is not a context but " + value);
            }
            RecordShape shape = RECORDS.get(raw);
            Object[] args = new Object[shape.names.length];
            for (int i = 0; i < args.length; i++) {
                args[i] = read(row.get(shape.names[i]), shape.types[i], new Where(where, '.', shape.names[i]),
                        shape.required[i]);
            }
            try {
                if (shape.constructor == null) {
                    throw shape.missing;
                }
                return shape.constructor.newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make a " + raw.getSimpleName() + " of " + where, e);
            }
        }
        if (raw == Integer.class || raw == int.class) {
            if (value instanceof BigDecimal number) {
                return number.intValueExact();
            }
        } else if (raw == Boolean.class || raw == boolean.class) {
            if (value instanceof Boolean) {
                return value;
            }
        } else if (raw.isInstance(value)) {
            return value;
        }
        throw new IllegalStateException(where + " is not " + raw.getSimpleName() + " but " + value);
    }

    /**
     * A record's components and canonical constructor, looked up once per record type (issue 19: reflection on every
     * read, 100,000 times in a county's list, cost more than the read itself).
     */
    private static final ClassValue<RecordShape> RECORDS = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
        }
    };

    private static final class RecordShape {
        final String[] names;
        final Type[] types;
        final boolean[] required;
        final java.lang.reflect.Constructor<?> constructor;
        final ReflectiveOperationException missing;

        RecordShape(Class<?> raw) {
            RecordComponent[] components = raw.getRecordComponents();
            names = new String[components.length];
            types = new Type[components.length];
            required = new boolean[components.length];
            Class<?>[] classes = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                names[i] = c.getName();
                types[i] = c.getGenericType();
                classes[i] = c.getType();
                required[i] = c.getType().isPrimitive() || !c.isAnnotationPresent(DecisionOutcome.OrNull.class);
            }
            java.lang.reflect.Constructor<?> found = null;
            ReflectiveOperationException problem = null;
            try {
                found = raw.getDeclaredConstructor(classes);
                found.setAccessible(true);
            } catch (ReflectiveOperationException e) {
                problem = e;
            }
            constructor = found;
            missing = problem;
        }
    }

    private static String feel(Class<?> raw) {
        if (raw == String.class) {
            return "string";
        }
        if (raw == BigDecimal.class || raw == Integer.class || raw == int.class) {
            return "number";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "boolean";
        }
        if (raw == LocalDate.class) {
            return "date";
        }
        return null;
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static Type argument(Type list) {
        if (list instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[0];
        }
        throw new IllegalStateException("a list read needs its element type (List<X>), not " + list);
    }

    private static boolean isAny(DMNType type) {
        return type == null || (type.getBaseType() == null && !type.isComposite() && !type.isCollection()
                && "Any".equals(type.getName()));
    }

    private static boolean isCollection(DMNType type) {
        for (DMNType t = type; t != null; t = t.getBaseType()) {
            if (t.isCollection()) {
                return true;
            }
            if (t.isComposite()) {
                return false;
            }
        }
        return false;
    }

    /** The element type of a collection type: the composite itself, or the type the collection is of. */
    private static DMNType element(DMNType type) {
        for (DMNType t = type; t != null; t = t.getBaseType()) {
            if (t.isCollection()) {
                return t.isComposite() ? t : t.getBaseType();
            }
        }
        return null;
    }

    private static DMNType composite(DMNType type) {
        for (DMNType t = type; t != null; t = t.getBaseType()) {
            if (t.isComposite()) {
                return t;
            }
        }
        return null;
    }

    /** The FEEL built-in type a simple type comes down to (string, number, boolean, date...). */
    private static String builtin(DMNType type) {
        DMNType t = type;
        while (t.getBaseType() != null && !t.isComposite()) {
            t = t.getBaseType();
        }
        return t.isComposite() ? null : t.getName();
    }

    private static String name(DMNType type) {
        return type.getName() + (isCollection(type) ? " (a list)" : "") + (type.isComposite() ? " (a context)" : "");
    }
}
