package cn.pbm.coverage;

import java.util.List;

import cn.pbm.api.model.CoverageItem;
import cn.pbm.api.model.CoverageRequest;
import cn.pbm.platform.FieldChecks;

/**
 * The checks across fields that the contract's schema cannot state, made for the whole request before anything is
 * counted: unique ids, amounts to the fen, a filing only for an assigned monitoring task, a project class only on a
 * project.
 */
final class CoverageRequestCheck {

    private CoverageRequestCheck() {
    }

    static void check(CoverageRequest request) {
        FieldChecks checks = new FieldChecks();
        FieldChecks.Unique ids = checks.unique();
        List<CoverageItem> items = request.getItems();
        for (int i = 0; i < items.size(); i++) {
            CoverageItem item = items.get(i);
            String at = "/items/" + i;
            if (!checks.present(item, at)) {
                continue;
            }
            ids.check(item.getId(), at + "/id");
            checks.yuan(item.getAmount(), at + "/amount");
            checks.notAllowed(Boolean.TRUE.equals(item.getMonitoringFiled())
                    && !Boolean.TRUE.equals(item.getMonitoringAssigned()), at + "/monitoringFiled",
                    "to be true unless monitoringAssigned is true (only an assigned monitoring task can be filed)");
            checks.notAllowed(item.getProjectClass() != null && item.getKind() != CoverageItem.KindEnum.PROJECT,
                    at + "/projectClass", "for kind " + item.getKind() + " (only for kind PROJECT)");
        }
        checks.throwIfAny();
    }
}
