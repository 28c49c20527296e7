package cn.pbm.rectification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.api.model.FieldError;
import cn.pbm.api.model.RectificationFinding;
import cn.pbm.api.model.RectificationRequest;
import cn.pbm.platform.InvalidRequestException;
import cn.pbm.platform.Problems;

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
        List<FieldError> errors = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        List<RectificationFinding> findings = request.getFindings();
        for (int i = 0; i < findings.size(); i++) {
            RectificationFinding finding = findings.get(i);
            String at = "/findings/" + i;
            if (finding == null) {
                errors.add(Problems.field(at, "must be a finding object, not null"));
                continue;
            }
            Integer first = firstIndex.putIfAbsent(finding.getFindingId(), i);
            if (first != null) {
                errors.add(Problems.field(at + "/findingId", "findingId '" + finding.getFindingId()
                        + "' is already used by /findings/" + first));
            }
            if (finding.getIssuedOn().isAfter(request.getAsOf())) {
                errors.add(Problems.field(at + "/issuedOn", "issuedOn " + finding.getIssuedOn() + " is after asOf "
                        + request.getAsOf() + ": a notice cannot lie in the future"));
            }
            if (finding.getPeriodDays() != null && finding.getDueDate() != null) {
                errors.add(Problems.field(at + "/dueDate", "give either periodDays or dueDate, not both"
                        + " (periodDays " + finding.getPeriodDays() + ", dueDate " + finding.getDueDate() + ")"));
            }
            if (finding.getDueDate() != null && finding.getDueDate().isBefore(finding.getIssuedOn())) {
                errors.add(Problems.field(at + "/dueDate", "dueDate " + finding.getDueDate() + " is before issuedOn "
                        + finding.getIssuedOn()));
            }
            if (finding.getCompletedOn() != null && finding.getCompletedOn().isBefore(finding.getIssuedOn())) {
                errors.add(Problems.field(at + "/completedOn", "completedOn " + finding.getCompletedOn()
                        + " is before issuedOn " + finding.getIssuedOn()));
            }
            if (finding.getCompletedOn() != null && finding.getCompletedOn().isAfter(request.getAsOf())) {
                errors.add(Problems.field(at + "/completedOn", "completedOn " + finding.getCompletedOn()
                        + " is after asOf " + request.getAsOf() + ": a completion cannot lie in the future"));
            }
            if (finding.getEffective() != null && finding.getCompletedOn() == null) {
                errors.add(Problems.field(at + "/effective",
                        "effective can be judged only for a completed rectification (completedOn is missing)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
