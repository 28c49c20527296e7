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
            if (item.getCompletedOn() != null && item.getCompletedOn().isAfter(request.getAsOf())) {
                errors.add(Problems.field(at + "/completedOn", "completedOn " + item.getCompletedOn()
                        + " is after asOf " + request.getAsOf() + ": a completion cannot lie in the future"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
