package cn.pbm.coverage;

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
        checks.eachUnique(request.getItems(), "/items", "id", CoverageItem::getId, (item, at) -> {
            checks.yuan(item.getAmount(), at + "/amount");
            checks.notAllowed(Boolean.TRUE.equals(item.getMonitoringFiled())
                    && !Boolean.TRUE.equals(item.getMonitoringAssigned()), at + "/monitoringFiled",
                    "to be true unless monitoringAssigned is true (only an assigned monitoring task can be filed)");
            checks.notAllowed(item.getProjectClass() != null && item.getKind() != CoverageItem.KindEnum.PROJECT,
                    at + "/projectClass", "for kind " + item.getKind() + " (only for kind PROJECT)");
        });
        checks.throwIfAny();
    }
}
