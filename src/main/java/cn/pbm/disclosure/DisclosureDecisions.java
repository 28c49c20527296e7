package cn.pbm.disclosure;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.DecisionOutcome;
import cn.pbm.platform.Ruleset;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The two disclosure tables: what a kind of disclosure requires (dmn/disclosure/disclosure-kinds.dmn, with the
 * holiday calendar in the same rule set) and the status of an item (dmn/disclosure/deadline-status.dmn).
 */
@ApplicationScoped
public class DisclosureDecisions {

    public static final String KINDS = "disclosure.deadlines";
    public static final String STATUS = "disclosure.deadline-status";

    private final DecisionEngine engine;

    public DisclosureDecisions(DecisionEngine engine) {
        this.engine = engine;
    }

    /** The version of the kinds table and calendar in force on a trigger date (422 when none is). */
    public Ruleset kindsInForce(LocalDate triggerDate) {
        return engine.inForce(KINDS, triggerDate);
    }

    public Ruleset statusInForce(LocalDate asOf) {
        return engine.inForce(STATUS, asOf);
    }

    public KindRule kind(Ruleset ruleset, String kind, LocalDate triggerDate) {
        DecisionOutcome outcome = engine.evaluate(ruleset, Map.of("kind", kind, "triggerDate", triggerDate));
        if (!(outcome.results().get("disclosureKind") instanceof Map)) {
            throw new IllegalStateException("the disclosure-kinds table of " + ruleset.id() + " " + ruleset.version()
                    + " has no row for kind " + kind);
        }
        Map<String, Object> row = outcome.context("disclosureKind");
        Object days = row.get("daysAllowed");
        Object required = outcome.results().get("disclosureRequired");
        Object exempt = row.get("exemptIfClassified");
        if (!(days instanceof BigDecimal count) || !(required instanceof Boolean isRequired)
                || !(exempt instanceof Boolean exemptIfClassified)) {
            throw new IllegalStateException("the disclosure-kinds table gave no days or applicability for " + kind);
        }
        return new KindRule(count.intValueExact(), outcome.text("disclosureKind", "kindLabel"),
                outcome.text("disclosureKind", "obligation"), outcome.text("disclosureKind", "triggerEvent"),
                outcome.text("disclosureKind", "legalBasis"), (LocalDate) row.get("appliesFrom"), isRequired,
                exemptIfClassified);
    }

    /**
     * @param classified whether the item is classified AND its kind is one a classification exempts (the kinds
     *        table's 涉密可免 column: public disclosure kinds only)
     * @param daysPastDue null when there is no due date (exempt or not required)
     */
    public StatusRule status(Ruleset ruleset, boolean classified, boolean required, boolean completed, Long daysPastDue) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("classified", classified);
        inputs.put("required", required);
        inputs.put("completed", completed);
        inputs.put("daysPastDue", daysPastDue == null ? null : BigDecimal.valueOf(daysPastDue));
        DecisionOutcome outcome = engine.evaluate(ruleset, inputs);
        return new StatusRule(outcome.text("deadlineStatus", "status"), outcome.text("deadlineStatus", "statusLabel"),
                outcome.text("deadlineStatus", "statusBasis"));
    }

    /** One row of the kinds table, and whether it applies on the trigger date. */
    public record KindRule(int daysAllowed, String label, String obligation, String triggerEvent, String legalBasis,
            LocalDate appliesFrom, boolean required, boolean exemptIfClassified) {
    }

    /** @param status a code of the status table (EXEMPT, NOT_REQUIRED, PENDING, ...) */
    public record StatusRule(String status, String label, String basis) {
    }
}
