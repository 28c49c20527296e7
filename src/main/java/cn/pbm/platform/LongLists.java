package cn.pbm.platform;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;


import cn.pbm.api.model.FieldError;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * Bean validation of a long list (a county's 100,000 monitoring projects) on all cores. Hibernate Validator
 * walks a request on one thread; for a list of at least {@code pbm.batch.parallel-from} items the request is
 * validated here, as soon as it is read: the body without that list, and the list's items in parallel, each
 * against the same contract constraints. A violation is answered exactly as the endpoint's own validation
 * would answer it ({@code /projects/12/budget}). {@link ValueTypesNotCascaded} then tells the endpoint's
 * validation not to walk the list a second time. Shorter lists are left to the endpoint's validation.
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
@Singleton
public class LongLists implements ReaderInterceptor {

    /** Looked up on use: the validator factory itself depends on this class (through ValueTypesNotCascaded). */
    private final Instance<Validator> validator;
    private final int parallelFrom;
    private final Map<Class<?>, List<Field>> listFields = new ConcurrentHashMap<>();

    /**
     * Made at static init (the validator factory's value extractors need it), before a runtime config mapping
     * exists: so the one key is read here by name (the same key and default as {@link PbmConfig.Batch}).
     */
    public LongLists(Instance<Validator> validator,
            @ConfigProperty(name = "pbm.batch.parallel-from", defaultValue = "256") int parallelFrom) {
        this.validator = validator;
        this.parallelFrom = parallelFrom;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object body = context.proceed();
        if (body == null || !body.getClass().getName().startsWith("cn.pbm.api.model.")) {
            return body;
        }
        boolean any = false;
        for (Field field : listFields(body.getClass())) {
            any |= isLong(value(field, body));
        }
        if (any) {
            List<FieldError> errors = violations(body, "");
            if (!errors.isEmpty()) {
                throw new ContractViolationException(errors);
            }
        }
        return body;
    }

    /**
     * Every contract violation of a request body, its long lists' items validated in parallel; pointers start
     * with {@code prefix} (the replay endpoint validates a logged request under {@code /input}).
     */
    public List<FieldError> violations(Object body, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        for (Field field : listFields(body.getClass())) {
            Object value = value(field, body);
            if (isLong(value)) {
                errors.addAll(validateItems(prefix + "/" + Problems.token(field.getName()), (List<?>) value));
            }
        }
        for (ConstraintViolation<Object> violation : validator.get().validate(body)) {
            errors.add(ProblemMappers.error(violation, prefix));
        }
        return errors;
    }

    /** Whether the endpoint's validation must leave this property of this object alone (validated here). */
    boolean validatedHere(Object owner, String property) {
        for (Field field : listFields(owner.getClass())) {
            if (field.getName().equals(property)) {
                return isLong(value(field, owner));
            }
        }
        return false;
    }

    private List<FieldError> validateItems(String pointer, List<?> items) {
        List<FieldError> errors = new ArrayList<>();
        InChunks.run(items.size(), true, ArrayList<FieldError>::new, (found, i) -> {
            if (items.get(i) != null) {
                for (ConstraintViolation<Object> violation : validator.get().validate(items.get(i))) {
                    found.add(ProblemMappers.error(violation, pointer + "/" + i));
                }
            }
        }).forEach(errors::addAll);
        return errors;
    }

    private boolean isLong(Object value) {
        return value instanceof List<?> list && list.size() >= parallelFrom;
    }

    private List<Field> listFields(Class<?> type) {
        return listFields.computeIfAbsent(type, t -> {
            List<Field> fields = new ArrayList<>();
            for (Field field : t.getDeclaredFields()) {
                if (List.class.isAssignableFrom(field.getType())) {
                    field.setAccessible(true);
                    fields.add(field);
                }
            }
            return fields;
        });
    }

    private static Object value(Field field, Object owner) {
        try {
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
