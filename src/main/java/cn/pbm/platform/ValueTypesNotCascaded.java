package cn.pbm.platform;

import java.lang.annotation.ElementType;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;

/**
 * Bean validation does not cascade ({@code @Valid}) into plain values: numbers, text, dates, booleans.
 * The generated models put {@code @Valid} on every {@link BigDecimal} property (until issue 19 changed the
 * generator's template, src/main/openapi/templates: this stays as the guard), and Hibernate Validator
 * remembers each cascaded object with every path it was validated at; JSON parsing hands out one shared
 * instance for the numbers 0 to 10, so a 100,000-project list full of {@code "executed": 0} made
 * validation quadratic (minutes). Values have no constraints of their own to cascade into, so skipping
 * them changes no verdict. Nor does it walk a long list that {@link LongLists} validated on all cores. Quarkus picks this bean up as the validator factory's traversable resolver
 * (a {@code @Singleton}: no client proxy in front of a call made for every property of every object).
 */
@Singleton
public class ValueTypesNotCascaded implements TraversableResolver {

    private final Map<Class<?>, Map<String, Boolean>> cascadable = new ConcurrentHashMap<>();
    private final LongLists longLists;

    public ValueTypesNotCascaded(LongLists longLists) {
        this.longLists = longLists;
    }

    @Override
    public boolean isReachable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
            Path pathToTraversableObject, ElementType elementType) {
        return true;
    }

    @Override
    public boolean isCascadable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
            Path pathToTraversableObject, ElementType elementType) {
        if (traversableObject == null || traversableProperty.getName() == null) {
            return true;
        }
        boolean cascade = cascadable.computeIfAbsent(traversableObject.getClass(), c -> new ConcurrentHashMap<>())
                .computeIfAbsent(traversableProperty.getName(),
                        name -> !isValue(propertyType(traversableObject.getClass(), name)));
        return cascade && !longLists.validatedHere(traversableObject, traversableProperty.getName());
    }

    private static Class<?> propertyType(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                return field.getType();
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        return Object.class;
    }

    private static boolean isValue(Class<?> type) {
        return type.isPrimitive() || type.isEnum() || type == BigDecimal.class || type == BigInteger.class
                || Number.class.isAssignableFrom(type) || CharSequence.class.isAssignableFrom(type)
                || type == Boolean.class || Temporal.class.isAssignableFrom(type);
    }
}
