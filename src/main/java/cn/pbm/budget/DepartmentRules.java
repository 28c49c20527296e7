package cn.pbm.budget;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.DecisionOutcome;
import jakarta.enterprise.context.ApplicationScoped;

/** The department table (dmn/budget/department-public-funds.dmn): is the overall grade below 良, and the cut. */
@ApplicationScoped
public class DepartmentRules {

    public static final String RULESET = "budget.department-public-funds";

    private final DecisionEngine engine;

    public DepartmentRules(DecisionEngine engine) {
        this.engine = engine;
    }

    /** @param action the cut action, null when the grade calls for none; {@code rate} is 0 then */
    public record Ruling(boolean belowGood, String action, String actionLabel, BigDecimal rate) {
    }

    public Ruling rule(LocalDate date, String overallGrade) {
        DecisionOutcome outcome = engine.evaluate(RULESET, date, Map.of("overallGrade", overallGrade));
        Map<String, Object> cut = outcome.context("publicFundsCut");
        if (!(cut.get("belowGood") instanceof Boolean belowGood) || !(cut.get("rate") instanceof BigDecimal rate)) {
            throw new IllegalStateException("table publicFundsCut of " + RULESET + " gave no answer for " + overallGrade);
        }
        return new Ruling(belowGood, (String) cut.get("action"), (String) cut.get("actionLabel"), rate);
    }
}
