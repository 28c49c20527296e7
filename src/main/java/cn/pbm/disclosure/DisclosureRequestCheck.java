package cn.pbm.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.api.model.DisclosureDeadlinesRequest;
import cn.pbm.api.model.DisclosureItem;
import cn.pbm.api.model.FieldError;
import cn.pbm.platform.InvalidRequestException;
import cn.pbm.platform.Problems;

/**
 * The checks across fields that the contract's schema cannot state, made for the whole request before anything
 * is decided: unique item ids, a trigger not after {@code asOf}, a completion between the trigger and {@code asOf}.
 */
final class DisclosureRequestCheck {

    private DisclosureRequestCheck() {
    }

    static void check(DisclosureDeadlinesRequest request) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        List<DisclosureItem> items = request.getItems();
        for (int i = 0; i < items.size(); i++) {
            DisclosureItem item = items.get(i);
            String at = "/items/" + i;
            if (item == null) {
                errors.add(Problems.field(at, "must be an item object, not null"));
                continue;
            }
            Integer first = firstIndex.putIfAbsent(item.getItemId(), i);
            if (first != null) {
                errors.add(Problems.field(at + "/itemId", "itemId '" + item.getItemId()
                        + "' is already used by /items/" + first));
            }
            if (item.getTriggerDate().isAfter(request.getAsOf())) {
                errors.add(Problems.field(at + "/triggerDate", "triggerDate " + item.getTriggerDate()
                        + " is after asOf " + request.getAsOf() + ": a trigger cannot lie in the future"));
            }
            if (item.getCompletedOn() != null && item.getCompletedOn().isBefore(item.getTriggerDate())) {
                errors.add(Problems.field(at + "/completedOn", "completedOn " + item.getCompletedOn()
                        + " is before triggerDate " + item.getTriggerDate()));
            }
            if (item.getDraftSubmittedOn() != null && item.getDraftSubmittedOn().isBefore(item.getTriggerDate())) {
                errors.add(Problems.field(at + "/draftSubmittedOn", "draftSubmittedOn " + item.getDraftSubmittedOn()
                        + " is before triggerDate " + item.getTriggerDate()
                        + ": an item cannot go with a draft submitted before it existed"));
            }
            if (item.getCompletedOn() != null && item.getCompletedOn().isAfter(request.getAsOf())) {
                errors.add(Problems.field(at + "/completedOn", "completedOn " + item.getCompletedOn()
                        + " is after asOf " + request.getAsOf() + ": a completion cannot lie in the future"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    /**
     * Whether an item's draftSubmittedOn fits its kind, as the kinds table gives it: required for a kind due with a
     * draft (WITH_DRAFT), refused for a kind counted in days (never silently ignored).
     */
    static java.util.Optional<FieldError> checkDraftDate(DisclosureItem item, int index, boolean withDraft) {
        String at = "/items/" + index + "/draftSubmittedOn";
        if (withDraft && item.getDraftSubmittedOn() == null) {
            return java.util.Optional.of(Problems.field(at, "required for kind " + item.getKind()
                    + ": the day the budget draft or draft final accounts is submitted to the people's congress"
                    + " (the item's due date)"));
        }
        if (!withDraft && item.getDraftSubmittedOn() != null) {
            return java.util.Optional.of(Problems.field(at, "not allowed for kind " + item.getKind()
                    + ": its due date is counted from triggerDate; draftSubmittedOn is only for kinds due with a draft"
                    + " (REPORT_TO_PEOPLES_CONGRESS)"));
        }
        return java.util.Optional.empty();
    }
}
