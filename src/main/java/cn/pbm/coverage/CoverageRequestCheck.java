package cn.pbm.coverage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.api.model.CoverageItem;
import cn.pbm.api.model.CoverageRequest;
import cn.pbm.api.model.FieldError;
import cn.pbm.platform.InvalidRequestException;
import cn.pbm.platform.Problems;

/**
 * The checks across fields that the contract's schema cannot state, made for the whole request before anything is
 * counted: unique ids, amounts to the fen, a filing only for an assigned monitoring task, a project class only on a
 * project.
 */
final class CoverageRequestCheck {

    private CoverageRequestCheck() {
    }

    static void check(CoverageRequest request) {
        List<FieldError> errors = new ArrayList<>();
        List<CoverageItem> items = request.getItems();
        Map<String, Integer> firstIndex = new HashMap<>(items.size() * 2);
        for (int i = 0; i < items.size(); i++) {
            CoverageItem item = items.get(i);
            String at = "/items/" + i;
            if (item == null) {
                errors.add(Problems.field(at, "must be an item object, not null"));
                continue;
            }
            Integer first = firstIndex.putIfAbsent(item.getId(), i);
            if (first != null) {
                errors.add(Problems.field(at + "/id", "id '" + item.getId() + "' is already used by /items/" + first));
            }
            BigDecimal amount = item.getAmount();
            if (amount != null && amount.stripTrailingZeros().scale() > 2) {
                errors.add(Problems.field(at + "/amount", "an amount in yuan has at most 2 decimal places (fen)"));
            }
            if (Boolean.TRUE.equals(item.getMonitoringFiled()) && !Boolean.TRUE.equals(item.getMonitoringAssigned())) {
                errors.add(Problems.field(at + "/monitoringFiled",
                        "monitoringFiled is true but monitoringAssigned is false: only an assigned monitoring task can be filed"));
            }
            if (item.getProjectClass() != null && item.getKind() != CoverageItem.KindEnum.PROJECT) {
                errors.add(Problems.field(at + "/projectClass", "projectClass is given only for kind PROJECT, not "
                        + item.getKind()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
