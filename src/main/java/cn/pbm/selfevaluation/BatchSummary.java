package cn.pbm.selfevaluation;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.pbm.api.model.FindingCount;
import cn.pbm.api.model.GradeCount;
import cn.pbm.api.model.ReviewFinding;
import cn.pbm.api.model.SelfEvaluationScore;
import cn.pbm.api.model.SelfEvaluationSummary;

/**
 * The figures a bureau reports for a batch: how many forms got each grade, and per finding code how many
 * forms have at least one finding of that code (a form with two indicators lacking a reason counts once).
 */
final class BatchSummary {

    private BatchSummary() {
    }

    static SelfEvaluationSummary of(List<SelfEvaluationScore> results, ReviewPolicy policy) {
        Map<String, Integer> grades = new HashMap<>();
        Map<String, String> gradeLabels = new HashMap<>();
        Map<ReviewFinding.CodeEnum, Integer> findings = new EnumMap<>(ReviewFinding.CodeEnum.class);
        int withFindings = 0;
        for (SelfEvaluationScore result : results) {
            grades.merge(result.getGrade().value(), 1, Integer::sum);
            gradeLabels.putIfAbsent(result.getGrade().value(), result.getGradeLabel());
            Set<ReviewFinding.CodeEnum> codes = EnumSet.noneOf(ReviewFinding.CodeEnum.class);
            result.getFindings().forEach(f -> codes.add(f.getCode()));
            codes.forEach(code -> findings.merge(code, 1, Integer::sum));
            if (!codes.isEmpty()) {
                withFindings++;
            }
        }
        SelfEvaluationSummary summary = new SelfEvaluationSummary().forms(results.size()).formsWithFindings(withFindings);
        for (GradeCount.GradeEnum grade : GradeCount.GradeEnum.values()) {
            summary.addGradeCountsItem(new GradeCount().grade(grade).gradeLabel(gradeLabels.get(grade.value()))
                    .count(grades.getOrDefault(grade.value(), 0)));
        }
        for (ReviewFinding.CodeEnum code : ReviewFinding.CodeEnum.values()) {
            summary.addFindingCountsItem(new FindingCount().code(FindingCount.CodeEnum.fromValue(code.value()))
                    .text(policy.text(code)).count(findings.getOrDefault(code, 0)));
        }
        return summary;
    }
}
