package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import cn.pbm.api.model.CoverageMeasure;
import cn.pbm.api.model.DisclosureDeadlineResult;
import cn.pbm.api.model.EvaluationGradeDecision;
import cn.pbm.api.model.SelfEvaluationDecision;
import cn.pbm.api.model.SelfEvaluationScore;
import cn.pbm.coverage.CoverageTables;
import cn.pbm.disclosure.DisclosureTables;
import cn.pbm.grading.GradingTables;

/**
 * A table's record copied into a generated response model: exact (scale, nulls, dates, enum codes), and strict
 * (a component the model does not have fails, unless it is named as not shown).
 */
class ModelCopyTest {

    @Test
    void numbersKeepTheirScaleAndANullStaysNull() {
        CoverageMeasure measure = ModelCopy.of(new CoverageTables.Measure("预算绩效目标覆盖率", "hasTargets", "ALL", "来源",
                new BigDecimal("0.90"), "目标来源"), CoverageMeasure.class);
        assertThat(measure.getGoal()).isEqualByComparingTo("0.9");
        assertThat(measure.getGoal().scale()).isEqualTo(2);
        assertThat(measure.getLabel()).isEqualTo("预算绩效目标覆盖率");
        assertThat(measure.getCoveredBy()).isEqualTo("hasTargets");
        assertThat(measure.getGoalSource()).isEqualTo("目标来源");

        CoverageMeasure noGoal = ModelCopy.of(new CoverageTables.Measure("l", "hasTargets", "ALL", "s", null, "g"),
                CoverageMeasure.class);
        assertThat(noGoal.getGoal()).isNull();
    }

    @Test
    void aNullListIsCopiedAsNullNotAsTheModelsEmptyDefault() {
        SelfEvaluationScore score = new SelfEvaluationScore().projectId("P1").indicators(null)
                .totalScore(new BigDecimal("85.50")).grade(SelfEvaluationScore.GradeEnum.GOOD).gradeLabel("良");
        SelfEvaluationDecision decision = ModelCopy.of(score, SelfEvaluationDecision.class);
        assertThat(decision.getIndicators()).isNull();
        assertThat(decision.getTotalScore()).isEqualTo(new BigDecimal("85.50"));
        assertThat(decision.getGrade()).isEqualTo(SelfEvaluationDecision.GradeEnum.GOOD);
        assertThat(decision.getDecisionId()).isNull(); // the envelope is the platform's, filled later
    }

    @Test
    void codesBecomeTheModelsEnumsAndDatesStayDates() {
        EvaluationGradeDecision grade = ModelCopy.of(new GradingTables.EvaluationGrade("FAIR", "中"),
                EvaluationGradeDecision.class);
        assertThat(grade.getGrade()).isEqualTo(EvaluationGradeDecision.GradeEnum.FAIR);
        assertThat(grade.getGradeLabel()).isEqualTo("中");

        DisclosureTables.KindRule rule = new DisclosureTables.KindRule(20, "部门预算公开", "依法公开", "批复", "依据",
                LocalDate.of(2026, 1, 1), true, true, "DAYS");
        DisclosureDeadlineResult result = ModelCopy.of(rule, DisclosureDeadlineResult.class, "required",
                "exemptIfClassified");
        assertThat(result.getAppliesFrom()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(result.getDaysAllowed()).isEqualTo(20);
        assertThat(result.getKindLabel()).isEqualTo("部门预算公开");
        assertThat(result.getDueBy()).isEqualTo(DisclosureDeadlineResult.DueByEnum.DAYS);
    }

    @Test
    void aComponentTheModelLacksFailsUnlessNamedAsNotShown() {
        DisclosureTables.KindRule rule = new DisclosureTables.KindRule(20, "l", "o", "t", "b", null, true, false,
                "DAYS");
        assertThatThrownBy(() -> ModelCopy.of(rule, DisclosureDeadlineResult.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("KindRule")
                .hasMessageContaining("required");
        assertThatThrownBy(() -> ModelCopy.of(new GradingTables.EvaluationGrade("BEST", "x"),
                EvaluationGradeDecision.class)).isInstanceOf(IllegalStateException.class);
    }
}
