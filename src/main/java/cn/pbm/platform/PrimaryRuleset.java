package cn.pbm.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A family's declaration, on a decision endpoint's method, of the rule set whose version the answer names as
 * {@code ruleset} (the one that decided): the first rule set used whose id is listed here. Several ids: the
 * first used of them (e.g. next year's budget is decided by the project table, or by the department table when
 * a request has no project). The answer's {@code rulesets} lists every rule set used, when
 * {@link #listsAll()}; answers whose schema has never listed them leave it out.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PrimaryRuleset {

    /** Rule-set ids, as in {@code dmn/rulesets.yaml}. */
    String[] value();

    /** Whether the answer lists every rule set used ({@code rulesets}). */
    boolean listsAll() default true;
}
