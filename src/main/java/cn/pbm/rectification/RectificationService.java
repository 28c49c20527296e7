package cn.pbm.rectification;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.api.model.FieldError;
import cn.pbm.api.model.RectificationConsequence;
import cn.pbm.api.model.RectificationDecision;
import cn.pbm.api.model.RectificationFinding;
import cn.pbm.api.model.RectificationRequest;
import cn.pbm.api.model.RectificationResult;
import cn.pbm.api.model.RectificationStatus;
import cn.pbm.api.model.RectificationUnitBarred;
import cn.pbm.disclosure.Deadline;
import cn.pbm.disclosure.DisclosureCalendars;
import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.NoRulesetInForceException;
import cn.pbm.platform.Ruleset;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * 整改跟踪. The default period is the period table's, rest days the holiday calendar's (counted as disclosure
 * deadlines are), statuses and consequences the status table's. This class checks the request, works out each due
 * date, copies the tables' columns into the response in request order and lists the units whose consequences bar
 * their new budget requests next year.
 */
@ApplicationScoped
public class RectificationService {

    private final DecisionEngine engine;
    private final RectificationTables decisions;
    private final DisclosureCalendars calendars;

    public RectificationService(DecisionEngine engine, RectificationTables decisions,
            DisclosureCalendars calendars) {
        this.engine = engine;
        this.decisions = decisions;
        this.calendars = calendars;
    }

    public RectificationDecision rectificationStatus(RectificationRequest request) {
        RectificationRequestCheck.check(request);
        List<RectificationFinding> findings = request.getFindings();
        // every version lookup before any evaluation: a notice date no rule set covers rejects the whole request
        List<Ruleset> periodRulesets = new ArrayList<>(findings.size());
        List<FieldError> uncovered = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            try {
                periodRulesets.add(rulesetFor(RectificationTables.PERIODS, findings.get(i).getIssuedOn(),
                        request.getJurisdiction(), "/findings/" + i + "/issuedOn"));
            } catch (NoRulesetInForceException e) {
                uncovered.addAll(e.errors());
            }
        }
        if (!uncovered.isEmpty()) {
            throw new NoRulesetInForceException(uncovered);
        }
        Ruleset statusRuleset = rulesetFor(RectificationTables.STATUS, request.getAsOf(), request.getJurisdiction(),
                "/asOf");

        List<RectificationResult> results = new ArrayList<>(findings.size());
        Map<String, List<String>> barred = new LinkedHashMap<>();
        Map<String, Integer> summary = new LinkedHashMap<>();
        for (RectificationStatus status : RectificationStatus.values()) {
            summary.put(status.toString(), 0);
        }
        for (int i = 0; i < findings.size(); i++) {
            RectificationFinding finding = findings.get(i);
            RectificationTables.Outcome outcome = decide(request, finding, periodRulesets.get(i), statusRuleset,
                    results);
            summary.merge(outcome.status(), 1, Integer::sum);
            if (outcome.consequences().stream().anyMatch(RectificationTables.Consequence::noNewRequests)) {
                barred.computeIfAbsent(finding.getUnit(), u -> new ArrayList<>()).add(finding.getFindingId());
            }
        }
        List<RectificationUnitBarred> noNewRequests = new ArrayList<>(barred.size());
        barred.forEach((unit, ids) -> noNewRequests.add(new RectificationUnitBarred().unit(unit).findingIds(ids)));
        return new RectificationDecision()
                .asOf(request.getAsOf())
                .results(results)
                .noNewRequestsNextYear(noNewRequests)
                .summary(summary);
    }

    /** The one place the family's rule sets are selected. */
    private Ruleset rulesetFor(String rulesetId, LocalDate date, String jurisdiction, String pointer) {
        engine.forJurisdiction(jurisdiction); // null: pbm.jurisdiction.default; unknown: 400 at /jurisdiction
        return engine.inForce(rulesetId, date, pointer);
    }

    private RectificationTables.Outcome decide(RectificationRequest request, RectificationFinding finding,
            Ruleset periods, Ruleset statuses, List<RectificationResult> results) {
        RectificationResult result = new RectificationResult()
                .findingId(finding.getFindingId())
                .projectId(finding.getProjectId())
                .unit(finding.getUnit())
                .source(RectificationResult.SourceEnum.fromValue(finding.getSource().toString()))
                .issuedOn(finding.getIssuedOn())
                .completedOn(finding.getCompletedOn())
                .provisional(false)
                .shiftedForRestDays(false);
        LocalDate due;
        if (finding.getDueDate() != null) {
            due = finding.getDueDate();
            result.dueDateBasis(RectificationResult.DueDateBasisEnum.EXPLICIT_DUE_DATE);
        } else {
            // the period table is consulted for every counted period: its rule set holds the calendar counted on
            RectificationTables.DefaultPeriod byDefault = decisions.defaultPeriod(periods, finding.getSource().toString());
            int days;
            if (finding.getPeriodDays() != null) {
                days = finding.getPeriodDays();
                result.dueDateBasis(RectificationResult.DueDateBasisEnum.PERIOD_DAYS);
            } else {
                days = byDefault.days();
                result.dueDateBasis(RectificationResult.DueDateBasisEnum.DEFAULT_PERIOD).periodSource(byDefault.source());
            }
            Deadline deadline = calendars.counter(periods).count(finding.getIssuedOn(), days);
            due = deadline.dueDate();
            result.periodDays(days)
                    .lastDayOfPeriod(deadline.lastDayOfPeriod())
                    .shiftedForRestDays(deadline.shifted())
                    .provisional(deadline.provisional());
            if (deadline.provisional()) {
                result.message(deadline.provisionalMessage());
            }
        }
        result.dueDate(due);
        boolean completed = finding.getCompletedOn() != null;
        String effectiveness = !completed || finding.getEffective() == null ? "NOT_JUDGED"
                : finding.getEffective() ? "EFFECTIVE" : "NOT_EFFECTIVE";
        long daysPastDue = ChronoUnit.DAYS.between(due, completed ? finding.getCompletedOn() : request.getAsOf());
        RectificationTables.Outcome outcome = decisions.status(statuses, completed, effectiveness, daysPastDue,
                finding.getRecurringProject());
        result.status(RectificationStatus.fromValue(outcome.status()))
                .statusLabel(outcome.label())
                .statusBasis(outcome.basis())
                .consequences(outcome.consequences().stream().map(c -> new RectificationConsequence()
                        .code(RectificationConsequence.CodeEnum.fromValue(c.code()))
                        .label(c.label())
                        .source(c.source())).toList());
        switch (result.getStatus()) {
            case ON_TRACK -> result.daysRemaining(Math.toIntExact(-daysPastDue));
            case OVERDUE -> result.daysOverdue(Math.toIntExact(daysPastDue));
            case DONE_LATE -> result.daysLate(Math.toIntExact(daysPastDue));
            default -> {
            }
        }
        results.add(result);
        return outcome;
    }

}
