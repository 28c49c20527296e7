package cn.pbm.disclosure;

import java.math.BigDecimal;
import java.time.LocalDate;

import cn.pbm.platform.DecisionOutcome;
import cn.pbm.platform.DecisionShapes.Shape;
import cn.pbm.platform.FamilyTables;
import cn.pbm.platform.Ruleset;
import jakarta.inject.Singleton;

/**
 * The two disclosure tables: what a kind of disclosure requires (dmn/disclosure/disclosure-kinds.dmn, with the
 * holiday calendar in the same rule set) and the status of an item (dmn/disclosure/deadline-status.dmn).
 */
@Singleton
public class DisclosureTables extends FamilyTables {

    public static final String KINDS = "disclosure.deadlines";
    public static final String STATUS = "disclosure.deadline-status";
    /** The kinds table's 截止方式 code for an item due with a draft submitted to the people's congress. */
    static final String WITH_DRAFT = "WITH_DRAFT";

    /** The version of the kinds table and calendar in force on a trigger date (422 when none is). */
    public Ruleset kindsInForce(LocalDate triggerDate) {
        return engine.inForce(KINDS, triggerDate);
    }

    public Ruleset statusInForce(LocalDate asOf) {
        return engine.inForce(STATUS, asOf);
    }

    static final Shape<KindRow> KIND = Shape.of(KINDS, "disclosureKind", KindRow.class);
    static final Shape<Boolean> REQUIRED = Shape.of(KINDS, "disclosureRequired", Boolean.class);

    /** @param draftSubmittedOn the request's 草案报送人大之日, or null; the table uses it for WITH_DRAFT kinds */
    public KindRule kind(Ruleset ruleset, String kind, LocalDate triggerDate, LocalDate draftSubmittedOn) {
        DecisionOutcome outcome = engine.evaluate(ruleset,
                inputs("kind", kind, "triggerDate", triggerDate, "draftSubmittedOn", draftSubmittedOn));
        KindRow row = outcome.as(KIND);
        if (WITH_DRAFT.equals(row.dueBy()) != (row.daysAllowed() == null)) {
            throw new IllegalStateException("the disclosure-kinds table of " + ruleset.id() + " " + ruleset.version()
                    + " gives days for a kind due with a draft, or none for a counted one: " + kind);
        }
        // a WITH_DRAFT kind without its draft date is refused by the request check before anything is decided
        Boolean required = outcome.asOrNull(REQUIRED);
        return new KindRule(row.daysAllowed(), row.kindLabel(), row.obligation(), row.triggerEvent(), row.legalBasis(),
                row.appliesFrom(), Boolean.TRUE.equals(required), row.exemptIfClassified(), row.dueBy());
    }

    static final Shape<StatusRule> STATUS_ROW = Shape.of(STATUS, "deadlineStatus", StatusRule.class);

    /**
     * @param classified whether the item is classified AND its kind is one a classification exempts (the kinds
     *        table's 涉密可免 column: public disclosure kinds only)
     * @param daysPastDue null when there is no due date (exempt or not required)
     */
    public StatusRule status(Ruleset ruleset, boolean classified, boolean required, boolean completed, Long daysPastDue,
            String dueBy) {
        return engine.evaluate(ruleset, inputs("dueBy", dueBy, "classified", classified, "required", required,
                "completed", completed, "daysPastDue", daysPastDue == null ? null : BigDecimal.valueOf(daysPastDue)))
                .as(STATUS_ROW);
    }

    /** The kinds table's row as the model gives it; no days for a kind due with a draft. */
    public record KindRow(@DecisionOutcome.OrNull Integer daysAllowed, String kindLabel, String obligation,
            String triggerEvent, String legalBasis, @DecisionOutcome.OrNull LocalDate appliesFrom,
            boolean exemptIfClassified, String dueBy) {
    }

    /** One row of the kinds table, and whether it applies on the trigger date. */
    public record KindRule(Integer daysAllowed, String kindLabel, String obligation, String triggerEvent, String legalBasis,
            LocalDate appliesFrom, boolean required, boolean exemptIfClassified, String dueBy) {

        /** Due on the day the draft goes to the people's congress (the request's draftSubmittedOn), not counted. */
        public boolean withDraft() {
            return WITH_DRAFT.equals(dueBy);
        }
    }

    /** @param status a code of the status table (EXEMPT, NOT_REQUIRED, PENDING, ...) */
    public record StatusRule(String status, String statusLabel, String statusBasis) {

        public String label() {
            return statusLabel;
        }

        public String basis() {
            return statusBasis;
        }
    }
}
