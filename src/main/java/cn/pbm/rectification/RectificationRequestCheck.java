package cn.pbm.rectification;

import java.time.LocalDate;

import cn.pbm.api.model.RectificationFinding;
import cn.pbm.api.model.RectificationRequest;
import cn.pbm.platform.FieldChecks;

/**
 * The checks across fields that the contract's schema cannot state, made for the whole request before anything is
 * decided: unique finding ids, a notice not after {@code asOf}, a period or a due date but not both, a due date and a
 * completion not before the notice, a completion not after {@code asOf}, effectiveness only of a completed
 * rectification.
 */
final class RectificationRequestCheck {

    private RectificationRequestCheck() {
    }

    static void check(RectificationRequest request) {
        FieldChecks checks = new FieldChecks();
        checks.eachUnique(request.getFindings(), "/findings", "findingId", RectificationFinding::getFindingId,
                (finding, at) -> finding(checks, finding, at, request.getAsOf()));
        checks.throwIfAny();
    }

    private static void finding(FieldChecks checks, RectificationFinding finding, String at, LocalDate asOf) {
        checks.notAfter(finding.getIssuedOn(), at + "/issuedOn", asOf, "asOf");
        checks.notAllowed(finding.getPeriodDays() != null && finding.getDueDate() != null, at + "/dueDate",
                "with periodDays (give one of them)");
        checks.notBefore(finding.getDueDate(), at + "/dueDate", finding.getIssuedOn(), "issuedOn");
        checks.notBefore(finding.getCompletedOn(), at + "/completedOn", finding.getIssuedOn(), "issuedOn");
        checks.notAfter(finding.getCompletedOn(), at + "/completedOn", asOf, "asOf");
        checks.notAllowed(finding.getEffective() != null && finding.getCompletedOn() == null, at + "/effective",
                "without completedOn (only a completed rectification is judged effective)");
    }
}
