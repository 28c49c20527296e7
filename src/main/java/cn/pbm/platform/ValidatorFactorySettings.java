package cn.pbm.platform;

import org.hibernate.validator.BaseHibernateValidatorConfiguration;

import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hibernate Validator wraps a custom traversable resolver in a per-validation cache keyed by the validated
 * object's {@code hashCode()}. The generated models hash all their fields, lists included, so for a
 * 100,000-project request every property check re-hashed a whole project into an ever larger map (a third
 * of the request's time, and most of its heap). {@link ValueTypesNotCascaded} already answers from its own
 * per-class table, so that cache is switched off.
 */
@ApplicationScoped
public class ValidatorFactorySettings implements ValidatorFactoryCustomizer {

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        configuration.enableTraversableResolverResultCache(false);
    }
}
