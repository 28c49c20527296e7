package cn.pbm.disclosure;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.api.DisclosureApi;
import cn.pbm.api.model.DeadlineStatus;
import cn.pbm.api.model.DisclosureDeadlineResult;
import cn.pbm.api.model.DisclosureDeadlinesDecision;
import cn.pbm.api.model.DisclosureDeadlinesRequest;
import cn.pbm.api.model.DisclosureItem;
import cn.pbm.api.model.FieldError;
import cn.pbm.platform.DecisionEndpoints;
import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.FieldChecks;
import cn.pbm.platform.ModelCopy;
import cn.pbm.platform.NoRulesetInForceException;
import cn.pbm.platform.PrimaryRuleset;
import cn.pbm.platform.Problems;
import cn.pbm.platform.Ruleset;
import io.quarkus.vertx.http.security.AuthorizationPolicy;
import jakarta.inject.Inject;

/**
 * 信息公开时限. Days allowed, applicability, labels and sources are the kinds table's; statuses and their labels
 * the status table's; rest days the holiday calendar's. This class checks the request, counts each deadline on the
 * calendar and copies the tables' columns into the response, one result per item in request order. The family's
 * endpoint: it implements the generated contract ({@link DisclosureApi}); {@code explain} is the platform's.
 */
@AuthorizationPolicy(name = DecisionEndpoints.POLICY)
@PrimaryRuleset(DisclosureTables.KINDS)
public class DisclosureResource implements DisclosureApi {

    @Inject
    DecisionEngine engine;
    @Inject
    DisclosureTables decisions;
    @Inject
    DisclosureCalendars calendars;

    @Override
    public DisclosureDeadlinesDecision disclosureDeadlines(DisclosureDeadlinesRequest request, Boolean explain) {
        DisclosureRequestCheck.check(request);
        engine.forJurisdiction(request.getJurisdiction());
        // every version lookup before any evaluation: a trigger no rule set covers rejects the whole request
        List<Ruleset> kindRulesets = new ArrayList<>(request.getItems().size());
        List<FieldError> uncovered = new ArrayList<>();
        for (int i = 0; i < request.getItems().size(); i++) {
            try {
                kindRulesets.add(decisions.kindsInForce(request.getItems().get(i).getTriggerDate()));
            } catch (NoRulesetInForceException e) {
                uncovered.addAll(e.at("/items/" + i + "/triggerDate").errors());
            }
        }
        if (!uncovered.isEmpty()) {
            throw new NoRulesetInForceException(uncovered);
        }
        Ruleset statusRuleset = decisions.statusInForce(request.getAsOf());
        // the kinds table says which kinds are due with a draft (and so need draftSubmittedOn): checked for every
        // item before any result is made
        List<DisclosureTables.KindRule> rules = new ArrayList<>(request.getItems().size());
        FieldChecks draftChecks = new FieldChecks();
        for (int i = 0; i < request.getItems().size(); i++) {
            DisclosureItem item = request.getItems().get(i);
            DisclosureTables.KindRule rule = decisions.kind(kindRulesets.get(i), item.getKind().toString(),
                    item.getTriggerDate(), item.getDraftSubmittedOn());
            DisclosureRequestCheck.checkDraftDate(draftChecks, item, i, rule.withDraft());
            rules.add(rule);
        }
        draftChecks.throwIfAny();

        List<DisclosureDeadlineResult> results = new ArrayList<>(request.getItems().size());
        for (int i = 0; i < request.getItems().size(); i++) {
            results.add(decide(request, request.getItems().get(i), rules.get(i), kindRulesets.get(i), statusRuleset));
        }
        Map<String, Integer> summary = new LinkedHashMap<>();
        for (DeadlineStatus status : DeadlineStatus.values()) {
            summary.put(status.toString(), 0);
        }
        results.forEach(r -> summary.merge(r.getStatus().toString(), 1, Integer::sum));
        return new DisclosureDeadlinesDecision()
                .asOf(request.getAsOf())
                .results(results)
                .summary(summary);
    }

    private DisclosureDeadlineResult decide(DisclosureDeadlinesRequest request, DisclosureItem item,
            DisclosureTables.KindRule rule, Ruleset kinds, Ruleset statuses) {
        // the kinds table says which kinds a classification exempts (public disclosure only)
        boolean classified = Boolean.TRUE.equals(item.getClassified()) && rule.exemptIfClassified();
        boolean completed = item.getCompletedOn() != null;
        // the kinds table's columns as they are (what applies and exempts is used below, not shown), then the item's
        DisclosureDeadlineResult result = ModelCopy.of(rule, DisclosureDeadlineResult.class, "required",
                "exemptIfClassified")
                .itemId(item.getItemId())
                .kind(item.getKind())
                .triggerDate(item.getTriggerDate())
                .completedOn(item.getCompletedOn())
                .draftSubmittedOn(item.getDraftSubmittedOn())
                .provisional(false);
        Long daysPastDue = null;
        if (!classified && rule.required() && rule.withDraft()) {
            // due on the day the draft goes to the people's congress: a fact of the request, not a counted period
            result.dueDate(item.getDraftSubmittedOn()).shiftedForRestDays(false);
            daysPastDue = ChronoUnit.DAYS.between(item.getDraftSubmittedOn(),
                    completed ? item.getCompletedOn() : request.getAsOf());
        } else if (!classified && rule.required()) {
            Deadline deadline = calendars.counter(kinds).count(item.getTriggerDate(), rule.daysAllowed());
            result.lastDayOfPeriod(deadline.lastDayOfPeriod())
                    .dueDate(deadline.dueDate())
                    .shiftedForRestDays(deadline.shifted())
                    .provisional(deadline.provisional());
            if (deadline.provisional()) {
                result.message(deadline.provisionalMessage());
            }
            daysPastDue = ChronoUnit.DAYS.between(deadline.dueDate(), completed ? item.getCompletedOn() : request.getAsOf());
        }
        DisclosureTables.StatusRule status = decisions.status(statuses, classified, rule.required(), completed, daysPastDue,
                rule.dueBy());
        result.status(DeadlineStatus.fromValue(status.status()))
                .statusLabel(status.label())
                .statusBasis(status.basis());
        switch (result.getStatus()) {
            case PENDING -> result.daysRemaining(Math.toIntExact(-daysPastDue));
            case OVERDUE -> result.daysOverdue(Math.toIntExact(daysPastDue));
            case COMPLETED_LATE -> result.daysLate(Math.toIntExact(daysPastDue));
            default -> {
            }
        }
        return result;
    }

}
