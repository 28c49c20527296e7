package cn.pbm.rectification;

import java.util.List;

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
        FieldChecks.Unique findingIds = checks.unique();
        List<RectificationFinding> findings = request.getFindings();
        for (int i = 0; i < findings.size(); i++) {
            RectificationFinding finding = findings.get(i);
            String at = "/findings/" + i;
            if (!checks.present(finding, at)) {
                continue;
            }
            findingIds.check(finding.getFindingId(), at + "/findingId");
            checks.notAfter(finding.getIssuedOn(), at + "/issuedOn", request.getAsOf(), "asOf");
            checks.notAllowed(finding.getPeriodDays() != null && finding.getDueDate() != null, at + "/dueDate",
                    "with periodDays (give one of them)");
            checks.notBefore(finding.getDueDate(), at + "/dueDate", finding.getIssuedOn(), "issuedOn");
            checks.notBefore(finding.getCompletedOn(), at + "/completedOn", finding.getIssuedOn(), "issuedOn");
            checks.notAfter(finding.getCompletedOn(), at + "/completedOn", request.getAsOf(), "asOf");
            checks.notAllowed(finding.getEffective() != null && finding.getCompletedOn() == null, at + "/effective",
                    "without completedOn (only a completed rectification is judged effective)");
        }
        checks.throwIfAny();
    }
}
