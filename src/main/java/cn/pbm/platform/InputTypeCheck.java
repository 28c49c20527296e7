package cn.pbm.platform;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.kie.dmn.api.core.DMNType;
import org.kie.dmn.core.impl.BaseDMNTypeImpl;
import org.kie.dmn.core.impl.CompositeTypeImpl;
import org.kie.dmn.core.impl.SimpleTypeImpl;
import org.kie.dmn.feel.lang.impl.MapBackedType;
import org.kie.dmn.feel.lang.types.AliasFEELType;
import org.kie.dmn.feel.lang.types.BuiltInType;
import org.kie.dmn.feel.lang.types.GenListType;

/**
 * A cheaper first look at whether an input fits its DMN type, for the compiled fast path (issue 19): KIE's own
 * {@link DMNType#isAssignableValue} checks every field of a context twice and compares allowed values through FEEL
 * equality, which was a tenth of a warm 100,000-project call. This check follows the structure of the type once
 * (a context's fields, a list's elements) and asks KIE only at the leaves, remembering KIE's answer per value (or per
 * class, for a type without allowed values or constraints, whose answer depends on nothing else).
 *
 * <p>It answers {@code true} only where KIE's check answers {@code true}; {@code false} means "not sure" (a null, a
 * missing field, a list where one value is expected, a type it does not follow, ...), and the caller then asks KIE's
 * own check. So the answer the engine acts on is always KIE's. {@code InputTypeCheckTest} compares it with KIE's on
 * the deployed models' input types, valid and invalid values alike.
 */
final class InputTypeCheck {

    /** How many leaf answers a type keeps; past that a leaf asks KIE each time (a bound, not a policy number). */
    private static final int REMEMBERED = 256;

    private InputTypeCheck() {
    }

    /** A check that answers true only where KIE's {@code isAssignableValue} does; false: ask KIE. */
    @FunctionalInterface
    interface Check {
        boolean certainlyAssignable(Object value);
    }

    /** The check for a type, or null when this check does not follow it (then KIE's own check is the only one). */
    static Check of(DMNType type) {
        if (type instanceof SimpleTypeImpl simple && !simple.isCollection()) {
            return leaf(simple); // its allowed values and constraints are KIE's to check, at the leaf
        }
        if (!(type instanceof BaseDMNTypeImpl base) || constrained(base)) {
            return null;
        }
        if (type.isCollection()) {
            return list(base);
        }
        return type instanceof CompositeTypeImpl composite ? context(composite) : null;
    }

    private static boolean constrained(BaseDMNTypeImpl type) {
        return (type.getAllowedValuesFEEL() != null && !type.getAllowedValuesFEEL().isEmpty())
                || (type.getTypeConstraintFEEL() != null && !type.getTypeConstraintFEEL().isEmpty());
    }

    /**
     * A list type over an element type: KIE checks each element against the element (base) type, then that the
     * value is a collection (a composite list also that its FEEL type is a list type).
     */
    private static Check list(BaseDMNTypeImpl type) {
        DMNType element = type.getBaseType();
        if (element == null || element.isCollection()) {
            return null;
        }
        if (type instanceof CompositeTypeImpl && !(type.getFeelType() instanceof GenListType)) {
            return null;
        }
        if (!(type instanceof CompositeTypeImpl) && !(type instanceof SimpleTypeImpl)) {
            return null;
        }
        Check each = of(element);
        if (each == null) {
            return null;
        }
        return value -> {
            if (!(value instanceof List<?> items)) {
                return false; // a single value KIE would wrap in a list: not sure
            }
            for (Object item : items) {
                if (!each.certainlyAssignable(item)) {
                    return false;
                }
            }
            return true;
        };
    }

    /**
     * A context type of its own fields (no base type): KIE wants every field present (a key, even with a null
     * value) and each field's value assignable to the field's type; extra keys are allowed.
     */
    private static Check context(CompositeTypeImpl type) {
        if (type.getBaseType() != null || !(type.getFeelType() instanceof MapBackedType)) {
            return null;
        }
        Map<String, Check> fields = new LinkedHashMap<>();
        for (Map.Entry<String, DMNType> field : type.getFields().entrySet()) {
            DMNType fieldType = field.getValue();
            Check check = of(fieldType);
            if (check == null) {
                return null;
            }
            fields.put(field.getKey(), check);
        }
        String[] names = fields.keySet().toArray(String[]::new);
        Check[] checks = fields.values().toArray(Check[]::new);
        return value -> {
            if (!(value instanceof Map<?, ?> map)) {
                return false;
            }
            for (int i = 0; i < names.length; i++) {
                if (!map.containsKey(names[i]) || !checks[i].certainlyAssignable(map.get(names[i]))) {
                    return false;
                }
            }
            return true;
        };
    }

    /**
     * A simple type: KIE's answer for a non-null value that is not a list or context, remembered per value, or per
     * class when neither the type nor its base types restrict values (KIE then only asks which FEEL type the value's
     * class is).
     */
    private static Check leaf(SimpleTypeImpl type) {
        boolean byClass = unconstrainedChain(type);
        Map<Object, Boolean> answers = new ConcurrentHashMap<>();
        return value -> {
            if (value == null || value instanceof Collection || value instanceof Map) {
                return false;
            }
            Object key = byClass ? value.getClass() : value;
            Boolean known = answers.get(key);
            if (known == null) {
                known = type.isAssignableValue(value);
                if (answers.size() < REMEMBERED) {
                    answers.put(key, known);
                }
            }
            return known;
        };
    }

    /** Whether no type on the base chain restricts values and each is a built-in FEEL type (or an alias of one). */
    private static boolean unconstrainedChain(DMNType type) {
        for (DMNType t = type; t != null; t = t.getBaseType()) {
            if (!(t instanceof SimpleTypeImpl simple) || simple.isCollection() || constrained(simple)
                    || !(simple.getFeelType() instanceof BuiltInType || simple.getFeelType() instanceof AliasFEELType)) {
                return false;
            }
        }
        return true;
    }
}
