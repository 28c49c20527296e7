package cn.pbm.selfevaluation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.api.model.FieldError;
import cn.pbm.api.model.SelfEvaluationForm;
import cn.pbm.api.model.SelfEvaluationIndicator;
import cn.pbm.platform.InvalidRequestException;
import cn.pbm.platform.Problems;

/**
 * The checks the contract's schema cannot express, collected for the whole request before any form is
 * scored: which fields each indicator type needs (and must not have), a qualitative score above its
 * weight, a form worth more than the standard full marks, and (in a batch) a project listed twice.
 */
final class SelfEvaluationRequestCheck {

    private final ReviewPolicy policy;
    private final List<FieldError> errors = new ArrayList<>();

    SelfEvaluationRequestCheck(ReviewPolicy policy) {
        this.policy = policy;
    }

    static void validate(SelfEvaluationForm form, ReviewPolicy policy) {
        SelfEvaluationRequestCheck validator = new SelfEvaluationRequestCheck(policy);
        validator.form(form, "");
        validator.throwIfAny();
    }

    static void validate(List<SelfEvaluationForm> forms, ReviewPolicy policy) {
        SelfEvaluationRequestCheck validator = new SelfEvaluationRequestCheck(policy);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < forms.size(); i++) {
            String at = "/forms/" + i;
            SelfEvaluationForm form = forms.get(i);
            if (form == null) {
                validator.error(at, "must not be null");
                continue;
            }
            validator.form(form, at);
            Integer first = seen.putIfAbsent(form.getProjectId(), i);
            if (first != null) {
                validator.error(at + "/projectId", "duplicate of /forms/" + first + "/projectId ('" + form.getProjectId() + "')");
            }
        }
        validator.throwIfAny();
    }

    private void form(SelfEvaluationForm form, String at) {
        List<SelfEvaluationIndicator> indicators = form.getIndicators();
        BigDecimal declared = BigDecimal.ZERO;
        for (int i = 0; i < indicators.size(); i++) {
            SelfEvaluationIndicator indicator = indicators.get(i);
            String path = at + "/indicators/" + i;
            if (indicator == null) {
                error(path, "must not be null");
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
                if (indicator.getAssessedScore() != null
                        && indicator.getAssessedScore().compareTo(indicator.getWeight()) > 0) {
                    error(path + "/assessedScore", "must not exceed the indicator's weight ("
                            + indicator.getWeight().toPlainString() + ")");
                }
            }
        }
        BigDecimal total = declared.add(policy.executionWeight());
        if (total.compareTo(policy.fullMarks()) > 0) {
            error(at + "/indicators", "the indicators' weights total " + declared.toPlainString() + "; with "
                    + policy.executionWeight().toPlainString() + " for budget execution the form is worth "
                    + total.toPlainString() + ", more than the full marks of " + policy.fullMarks().toPlainString());
        }
    }

    private void required(Object value, String pointer, String type) {
        if (value == null) {
            error(pointer, "required for a " + type + " indicator");
        }
    }

    private void absent(Object value, String pointer, String type) {
        if (value != null) {
            error(pointer, "not applicable to a " + type + " indicator");
        }
    }

    private void error(String pointer, String message) {
        errors.add(Problems.field(pointer, message));
    }

    private void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
