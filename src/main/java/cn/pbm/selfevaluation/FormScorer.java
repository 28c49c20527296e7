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
import cn.pbm.selfevaluation.SelfEvaluationTables.CategoryWeight;
import cn.pbm.selfevaluation.SelfEvaluationTables.ExecutionAssessment;
import cn.pbm.selfevaluation.SelfEvaluationTables.FindingHit;
import cn.pbm.selfevaluation.SelfEvaluationTables.IndicatorFacts;
import cn.pbm.selfevaluation.SelfEvaluationTables.QualitativeAssessment;
import cn.pbm.selfevaluation.SelfEvaluationTables.QuantitativeAssessment;
import cn.pbm.selfevaluation.SelfEvaluationTables.ReviewFacts;
import cn.pbm.selfevaluation.SelfEvaluationTables.StandardWeight;

/**
 * Scores one validated form: the tables score execution and each indicator; this class sums the scores,
 * rounds HALF_UP to 2 decimals once at output (the total is rounded from the unrounded sum), grades the
 * EXACT total with the evaluation-grade table, and hands the facts a reviewer looks at to the review-findings table,
 * whose trigger rows decide which findings apply and in what order. Findings never change the score.
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
        ExecutionAssessment execution = decisions.execution(form.getAnnualBudget(), form.getExecuted(),
                policy.executionWeight());

        Map<String, BigDecimal> scoreByCategory = new LinkedHashMap<>();
        Map<String, BigDecimal> weightByCategory = new LinkedHashMap<>();
        List<IndicatorScore> indicatorScores = new ArrayList<>();
        List<IndicatorFacts> indicatorFacts = new ArrayList<>();
        BigDecimal total = execution.score();
        List<SelfEvaluationIndicator> indicators = form.getIndicators();
        for (int i = 0; i < indicators.size(); i++) {
            SelfEvaluationIndicator indicator = indicators.get(i);
            String category = indicator.getCategory().value();
            IndicatorScore scored = new IndicatorScore().index(i).name(indicator.getName())
                    .category(IndicatorScore.CategoryEnum.fromValue(category));
            BigDecimal score;
            boolean met;
            Boolean inBand = null;
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
                inBand = assessed.inBand();
                scored.inBand(assessed.inBand()).achievementLabel(assessed.achievementLabel());
            }
            indicatorFacts.add(new IndicatorFacts(i, inBand, met, !blank(indicator.getDeviationReason())));
            indicatorScores.add(scored.score(round(score, SCORE_SCALE)).met(met));
            scoreByCategory.merge(category, score, BigDecimal::add);
            weightByCategory.merge(category, indicator.getWeight(), BigDecimal::add);
            total = total.add(score);
        }

        List<CategoryWeight> categoryWeights = new ArrayList<>();
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
            categoryWeights.add(new CategoryWeight(category.value(), declared, standard.weight()));
        }

        // the exact total is graded; the rounded total is only shown (the table flags it when it reads as another grade)
        BigDecimal totalScore = round(total, SCORE_SCALE);
        GradingTables.EvaluationGrade grade = grading.evaluationGrade(total);
        String roundedTotalGrade = total.compareTo(totalScore) == 0 ? grade.grade()
                : grading.evaluationGrade(totalScore).grade();
        Boolean reportedScoreConsistent = form.getReportedTotalScore() == null ? null
                : decisions.reportedScoreConsistent(form.getReportedTotalScore(), totalScore);

        List<FindingHit> hits = decisions.reviewFindings(new ReviewFacts(categoryWeights,
                execution.reasonRequired(), !blank(form.getExecutionDeviationReason()), indicatorFacts,
                reportedScoreConsistent, form.getReportedGrade() == null ? null : form.getReportedGrade().value(),
                grade.grade(), roundedTotalGrade));
        List<ReviewFinding> findings = hits.stream().map(hit -> finding(hit, indicators)).toList();

        return new SelfEvaluationScore()
                .projectId(form.getProjectId())
                .executionRate(round(execution.rate(), RATE_SCALE))
                .executionScore(round(execution.score(), SCORE_SCALE))
                .indicators(indicatorScores)
                .subtotals(subtotals)
                .totalScore(totalScore)
                .grade(SelfEvaluationScore.GradeEnum.fromValue(grade.grade()))
                .gradeLabel(grade.label())
                .findings(new ArrayList<>(findings));
    }

    /** Maps a finding of the table onto the response: its text, and the JSON pointer of the field it names. */
    private ReviewFinding finding(FindingHit hit, List<SelfEvaluationIndicator> indicators) {
        CodeEnum code = CodeEnum.fromValue(hit.code());
        ReviewFinding finding = new ReviewFinding().code(code).text(policy.text(code));
        if (hit.indicatorIndex() != null) {
            int index = hit.indicatorIndex();
            finding.field("/indicators/" + index + "/" + hit.field()).indicatorIndex(index)
                    .indicatorName(indicators.get(index).getName());
        } else if (hit.field() != null) {
            finding.field("/" + hit.field());
        }
        if (hit.category() != null) {
            finding.category(ReviewFinding.CategoryEnum.fromValue(hit.category()));
        }
        return finding;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static BigDecimal round(BigDecimal value, int scale) {
        return value.setScale(scale, RoundingMode.HALF_UP);
    }
}
