package cn.pbm.disclosure;

import java.util.List;

import cn.pbm.api.model.DisclosureDeadlinesRequest;
import cn.pbm.api.model.DisclosureItem;
import cn.pbm.platform.FieldChecks;

/**
 * The checks across fields that the contract's schema cannot state, made for the whole request before anything
 * is decided: unique item ids, a trigger not after {@code asOf}, a completion between the trigger and {@code asOf}.
 */
final class DisclosureRequestCheck {

    private DisclosureRequestCheck() {
    }

    static void check(DisclosureDeadlinesRequest request) {
        FieldChecks checks = new FieldChecks();
        FieldChecks.Unique itemIds = checks.unique();
        List<DisclosureItem> items = request.getItems();
        for (int i = 0; i < items.size(); i++) {
            DisclosureItem item = items.get(i);
            String at = "/items/" + i;
            if (!checks.present(item, at)) {
                continue;
            }
            itemIds.check(item.getItemId(), at + "/itemId");
            checks.notAfter(item.getTriggerDate(), at + "/triggerDate", request.getAsOf(), "asOf");
            checks.notBefore(item.getCompletedOn(), at + "/completedOn", item.getTriggerDate(), "triggerDate");
            checks.notBefore(item.getDraftSubmittedOn(), at + "/draftSubmittedOn", item.getTriggerDate(),
                    "triggerDate");
            checks.notAfter(item.getCompletedOn(), at + "/completedOn", request.getAsOf(), "asOf");
        }
        checks.throwIfAny();
    }

    /**
     * Whether an item's draftSubmittedOn fits its kind, as the kinds table gives it: required for a kind due with a
     * draft (WITH_DRAFT), refused for a kind counted in days (never silently ignored).
     */
    static void checkDraftDate(FieldChecks checks, DisclosureItem item, int index, boolean withDraft) {
        String at = "/items/" + index + "/draftSubmittedOn";
        checks.required(withDraft && item.getDraftSubmittedOn() == null, at, "for kind " + item.getKind()
                + " (the day the budget draft or draft final accounts is submitted to the people's congress:"
                + " the item's due date)");
        checks.notAllowed(!withDraft && item.getDraftSubmittedOn() != null, at, "for kind " + item.getKind()
                + " (its due date is counted from triggerDate; draftSubmittedOn is only for kinds due with a draft,"
                + " REPORT_TO_PEOPLES_CONGRESS)");
    }
}
