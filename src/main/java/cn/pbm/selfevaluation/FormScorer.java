package cn.pbm.selfevaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.api.model.CategorySubtotal;
import cn.pbm.api.model.IndicatorScore;
import cn.pbm.api.model.ReviewFinding;
import cn.pbm.api.model.ReviewFinding.CodeEnum;
import cn.pbm.api.model.SelfEvaluationForm;
import cn.pbm.api.model.SelfEvaluationIndicator;
import cn.pbm.api.model.SelfEvaluationScore;
import cn.pbm.grading.GradingTables;
import cn.pbm.selfevaluation.SelfEvaluationTables.ExecutionAssessment;
import cn.pbm.selfevaluation.SelfEvaluationTables.QualitativeAssessment;
import cn.pbm.selfevaluation.SelfEvaluationTables.QuantitativeAssessment;
import cn.pbm.selfevaluation.SelfEvaluationTables.StandardWeight;

/**
 * Scores one validated form: the tables score execution and each indicator; this class sums the scores,
 * rounds HALF_UP to 2 decimals once at output (the total is rounded from the unrounded sum), grades the
 * EXACT total with the evaluation-grade table (a finding says so when the rounded figure reads as another grade), and lists
 * the review findings. Findings never change the score.
 */
final class FormScorer {

    private static final int SCORE_SCALE = 2;
    private static final int RATE_SCALE = 4;

    private final SelfEvaluationTables decisions;
    private final GradingTables grading;
    private final ReviewPolicy policy;

    FormScorer(SelfEvaluationTables decisions, GradingTables grading, ReviewPolicy policy) {
        this.decisions = decisions;
        this.grading = grading;
        this.policy = policy;
    }

    SelfEvaluationScore score(SelfEvaluationForm form) {
        List<ReviewFinding> findings = new ArrayList<>();
        ExecutionAssessment execution = decisions.execution(form.getAnnualBudget(), form.getExecuted(),
                policy.executionWeight());
        if (execution.reasonRequired() && blank(form.getExecutionDeviationReason())) {
            findings.add(finding(CodeEnum.MISSING_DEVIATION_REASON, "/executionDeviationReason"));
        }

        Map<String, BigDecimal> scoreByCategory = new LinkedHashMap<>();
        Map<String, BigDecimal> weightByCategory = new LinkedHashMap<>();
        List<IndicatorScore> indicatorScores = new ArrayList<>();
        List<ReviewFinding> outOfBand = new ArrayList<>();
        List<ReviewFinding> missingReasons = new ArrayList<>();
        BigDecimal total = execution.score();
        List<SelfEvaluationIndicator> indicators = form.getIndicators();
        for (int i = 0; i < indicators.size(); i++) {
            SelfEvaluationIndicator indicator = indicators.get(i);
            String category = indicator.getCategory().value();
            IndicatorScore scored = new IndicatorScore().index(i).name(indicator.getName())
                    .category(IndicatorScore.CategoryEnum.fromValue(category));
            BigDecimal score;
            boolean met;
            if (indicator.getType() == SelfEvaluationIndicator.TypeEnum.QUANTITATIVE) {
                QuantitativeAssessment assessed = decisions.quantitative(indicator.getDirection().value(),
                        indicator.getWeight(), indicator.getTarget(), indicator.getActual());
                score = assessed.score();
                met = assessed.met();
            } else {
                QualitativeAssessment assessed = decisions.qualitative(indicator.getAchievement().value(),
                        indicator.getWeight(), indicator.getAssessedScore());
                score = indicator.getAssessedScore();
                met = assessed.met();
                scored.inBand(assessed.inBand()).achievementLabel(assessed.achievementLabel());
                if (!assessed.inBand()) {
                    outOfBand.add(indicatorFinding(CodeEnum.QUALITATIVE_SCORE_OUT_OF_BAND, i, indicator, "/assessedScore"));
                }
            }
            if (!met && blank(indicator.getDeviationReason())) {
                missingReasons.add(indicatorFinding(CodeEnum.MISSING_DEVIATION_REASON, i, indicator, "/deviationReason"));
            }
            indicatorScores.add(scored.score(round(score, SCORE_SCALE)).met(met));
            scoreByCategory.merge(category, score, BigDecimal::add);
            weightByCategory.merge(category, indicator.getWeight(), BigDecimal::add);
            total = total.add(score);
        }

        List<ReviewFinding> weightFindings = new ArrayList<>();
        List<CategorySubtotal> subtotals = new ArrayList<>();
        for (CategorySubtotal.CategoryEnum category : CategorySubtotal.CategoryEnum.values()) {
            StandardWeight standard = policy.standard(category.value());
            boolean isExecution = ReviewPolicy.EXECUTION.equals(category.value());
            BigDecimal declared = isExecution ? standard.weight()
                    : weightByCategory.getOrDefault(category.value(), BigDecimal.ZERO);
            BigDecimal score = isExecution ? execution.score()
                    : scoreByCategory.getOrDefault(category.value(), BigDecimal.ZERO);
            subtotals.add(new CategorySubtotal().category(category).categoryLabel(standard.label())
                    .standardWeight(standard.weight()).declaredWeight(declared).score(round(score, SCORE_SCALE)));
            if (declared.compareTo(standard.weight()) != 0) {
                weightFindings.add(finding(CodeEnum.WEIGHTS_NOT_STANDARD, "/indicators")
                        .category(ReviewFinding.CategoryEnum.fromValue(category.value())));
            }
        }

        // the exact total is graded; the rounded total is only shown (and flagged when it reads as another grade)
        BigDecimal totalScore = round(total, SCORE_SCALE);
        GradingTables.EvaluationGrade grade = grading.evaluationGrade(total);
        boolean roundedReadsOtherwise = total.compareTo(totalScore) != 0
                && !grading.evaluationGrade(totalScore).grade().equals(grade.grade());

        List<ReviewFinding> all = new ArrayList<>(weightFindings);
        all.addAll(outOfBand);
        all.addAll(findings);
        all.addAll(missingReasons);
        if (form.getReportedTotalScore() != null
                && !decisions.reportedScoreConsistent(form.getReportedTotalScore(), totalScore)) {
            all.add(finding(CodeEnum.REPORTED_SCORE_MISMATCH, "/reportedTotalScore"));
        }
        if (form.getReportedGrade() != null && !form.getReportedGrade().value().equals(grade.grade())) {
            all.add(finding(CodeEnum.REPORTED_GRADE_MISMATCH, "/reportedGrade"));
        }
        if (roundedReadsOtherwise) {
            all.add(finding(CodeEnum.ROUNDED_TOTAL_READS_AS_OTHER_GRADE, null));
        }

        return new SelfEvaluationScore()
                .projectId(form.getProjectId())
                .executionRate(round(execution.rate(), RATE_SCALE))
                .executionScore(round(execution.score(), SCORE_SCALE))
                .indicators(indicatorScores)
                .subtotals(subtotals)
                .totalScore(totalScore)
                .grade(SelfEvaluationScore.GradeEnum.fromValue(grade.grade()))
                .gradeLabel(grade.label())
                .findings(all);
    }

    private ReviewFinding finding(CodeEnum code, String field) {
        return new ReviewFinding().code(code).text(policy.text(code)).field(field);
    }

    private ReviewFinding indicatorFinding(CodeEnum code, int index, SelfEvaluationIndicator indicator, String field) {
        return finding(code, "/indicators/" + index + field).indicatorIndex(index).indicatorName(indicator.getName());
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static BigDecimal round(BigDecimal value, int scale) {
        return value.setScale(scale, RoundingMode.HALF_UP);
    }
}
