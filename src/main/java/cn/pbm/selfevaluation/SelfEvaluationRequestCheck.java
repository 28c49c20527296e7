package cn.pbm.selfevaluation;

import java.math.BigDecimal;
import java.util.List;

import cn.pbm.api.model.SelfEvaluationForm;
import cn.pbm.api.model.SelfEvaluationIndicator;
import cn.pbm.platform.FieldChecks;

/**
 * The checks the contract's schema cannot express, collected for the whole request before any form is
 * scored: which fields each indicator type needs (and must not have), a qualitative score above its
 * weight, a form worth more than the standard full marks, and (in a batch) a project listed twice.
 */
final class SelfEvaluationRequestCheck {

    private final ReviewPolicy policy;
    private final FieldChecks checks = new FieldChecks();

    private SelfEvaluationRequestCheck(ReviewPolicy policy) {
        this.policy = policy;
    }

    static void check(SelfEvaluationForm form, ReviewPolicy policy) {
        SelfEvaluationRequestCheck check = new SelfEvaluationRequestCheck(policy);
        check.form(form, "");
        check.checks.throwIfAny();
    }

    static void check(List<SelfEvaluationForm> forms, ReviewPolicy policy) {
        SelfEvaluationRequestCheck check = new SelfEvaluationRequestCheck(policy);
        FieldChecks.Unique projectIds = check.checks.unique();
        for (int i = 0; i < forms.size(); i++) {
            String at = "/forms/" + i;
            SelfEvaluationForm form = forms.get(i);
            if (!check.checks.present(form, at)) {
                continue;
            }
            check.form(form, at);
            projectIds.check(form.getProjectId(), at + "/projectId");
        }
        check.checks.throwIfAny();
    }

    /** A batch names its jurisdiction once, on the batch: checked before the jurisdiction picks the rule sets. */
    static void jurisdictionOnce(List<SelfEvaluationForm> forms) {
        FieldChecks checks = new FieldChecks();
        for (int i = 0; i < forms.size(); i++) {
            checks.notAllowed(forms.get(i) != null && forms.get(i).getJurisdiction() != null,
                    "/forms/" + i + "/jurisdiction", "on a form of a batch (give it once, on the batch: /jurisdiction)");
        }
        checks.throwIfAny();
    }

    private void form(SelfEvaluationForm form, String at) {
        List<SelfEvaluationIndicator> indicators = form.getIndicators();
        BigDecimal declared = BigDecimal.ZERO;
        for (int i = 0; i < indicators.size(); i++) {
            SelfEvaluationIndicator indicator = indicators.get(i);
            String path = at + "/indicators/" + i;
            if (!checks.present(indicator, path)) {
                continue;
            }
            declared = declared.add(indicator.getWeight());
            if (indicator.getType() == SelfEvaluationIndicator.TypeEnum.QUANTITATIVE) {
                required(indicator.getDirection(), path + "/direction", "QUANTITATIVE");
                required(indicator.getTarget(), path + "/target", "QUANTITATIVE");
                required(indicator.getActual(), path + "/actual", "QUANTITATIVE");
                absent(indicator.getAchievement(), path + "/achievement", "QUANTITATIVE");
                absent(indicator.getAssessedScore(), path + "/assessedScore", "QUANTITATIVE");
            } else {
                required(indicator.getAchievement(), path + "/achievement", "QUALITATIVE");
                required(indicator.getAssessedScore(), path + "/assessedScore", "QUALITATIVE");
                absent(indicator.getDirection(), path + "/direction", "QUALITATIVE");
                absent(indicator.getTarget(), path + "/target", "QUALITATIVE");
                absent(indicator.getActual(), path + "/actual", "QUALITATIVE");
                checks.notAbove(indicator.getAssessedScore(), path + "/assessedScore", indicator.getWeight(),
                        "weight");
            }
        }
        BigDecimal total = declared.add(policy.executionWeight());
        if (total.compareTo(policy.fullMarks()) > 0) {
            checks.error(at + "/indicators", "the indicators' weights total " + declared.toPlainString() + "; with "
                    + policy.executionWeight().toPlainString() + " for budget execution the form is worth "
                    + total.toPlainString() + ", more than the full marks of " + policy.fullMarks().toPlainString());
        }
    }

    private void required(Object value, String pointer, String type) {
        checks.required(value == null, pointer, "for a " + type + " indicator");
    }

    private void absent(Object value, String pointer, String type) {
        checks.notAllowed(value != null, pointer, "for a " + type + " indicator");
    }
}
