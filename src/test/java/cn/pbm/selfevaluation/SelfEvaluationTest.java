package cn.pbm.selfevaluation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import cn.pbm.ContractClient;
import cn.pbm.client.api.SelfEvaluationApi;
import cn.pbm.client.model.FindingCount;
import cn.pbm.client.model.GradeCount;
import cn.pbm.client.model.ReviewFinding;
import cn.pbm.client.model.RulesetRef;
import cn.pbm.client.model.SelfEvaluationBatchDecision;
import cn.pbm.client.model.SelfEvaluationBatchRequest;
import cn.pbm.client.model.SelfEvaluationDecision;
import cn.pbm.client.model.SelfEvaluationForm;
import cn.pbm.client.model.SelfEvaluationIndicator;
import cn.pbm.client.model.SelfEvaluationScore;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The issue's example, the rounding edge of the grade, and the batch, through the client generated from the contract. */
@QuarkusTest
class SelfEvaluationTest {

    @TestHTTPResource("/")
    URI base;

    private SelfEvaluationApi api() {
        return new SelfEvaluationApi(ContractClient.at(base));
    }

    @Test
    void theIssuesExampleScores91_50ExcellentWithNoFindings() throws Exception {
        SelfEvaluationDecision decision = api().scoreSelfEvaluation(example("XY-2023-0001"), false);

        assertThat(decision.getExecutionScore()).isEqualByComparingTo("9.50");
        assertThat(decision.getIndicators()).extracting(i -> i.getScore().toPlainString())
                .containsExactly("45.00", "27.00", "10.00");
        assertThat(decision.getTotalScore().toPlainString()).isEqualTo("91.50");
        assertThat(decision.getGrade()).isEqualTo(SelfEvaluationDecision.GradeEnum.EXCELLENT);
        assertThat(decision.getGradeLabel()).isEqualTo("优");
        assertThat(decision.getFindings()).isEmpty();
        assertThat(decision.getDecisionId()).isNotNull();
    }

    @Test
    void theResponseNamesEveryRuleSetThatDecidedWithItsFileHash() throws Exception {
        SelfEvaluationDecision decision = api().scoreSelfEvaluation(example("XY-2023-0001"), false);

        Map<String, String> hashes = decision.getRulesets().stream()
                .collect(Collectors.toMap(RulesetRef::getId, RulesetRef::getSha256));
        assertThat(hashes).containsOnlyKeys("self-evaluation.standard-weights", "self-evaluation.review-findings",
                "self-evaluation.execution-score", "self-evaluation.quantitative-indicator",
                "self-evaluation.qualitative-indicator", "self-evaluation.reported-score", "grading.evaluation-grade");
        assertThat(hashes.get("grading.evaluation-grade")).isEqualTo(sha256("dmn/grading/evaluation-grade.dmn"));
        assertThat(hashes.get("self-evaluation.quantitative-indicator"))
                .isEqualTo(sha256("dmn/self-evaluation/quantitative-indicator.dmn"));
        assertThat(decision.getRuleset().getId()).isEqualTo(decision.getRulesets().get(0).getId());
    }

    @Test
    void theGradeIsTakenFromTheExactTotalAndARoundedFigureReadingOtherwiseIsFlagged() throws Exception {
        // 50 + 20 (部分达成) + 10 + execution 9.995 = 89.995, shown as 90.00 but graded 良, with a finding saying so
        SelfEvaluationDecision up = api().scoreSelfEvaluation(edge(new BigDecimal("999500")), false);
        assertThat(up.getTotalScore().toPlainString()).isEqualTo("90.00");
        assertThat(up.getGrade()).isEqualTo(SelfEvaluationDecision.GradeEnum.GOOD);
        assertThat(up.getFindings()).extracting(ReviewFinding::getCode)
                .containsExactly(ReviewFinding.CodeEnum.ROUNDED_TOTAL_READS_AS_OTHER_GRADE);

        // ... and with execution 9.994 the total 89.994 is shown as 89.99 and graded 良
        SelfEvaluationDecision down = api().scoreSelfEvaluation(edge(new BigDecimal("999400")), false);
        assertThat(down.getTotalScore().toPlainString()).isEqualTo("89.99");
        assertThat(down.getGrade()).isEqualTo(SelfEvaluationDecision.GradeEnum.GOOD);
        assertThat(down.getFindings()).as("89.99 reads as 良 too").isEmpty();
    }

    @Test
    void findingsInformButNeverReject() throws Exception {
        SelfEvaluationForm form = example("XY-2023-0002").executed(new BigDecimal("800000"))
                .reportedTotalScore(new BigDecimal("99")).reportedGrade(SelfEvaluationForm.ReportedGradeEnum.GOOD);
        form.getIndicators().get(0).weight(new BigDecimal("45")).deviationReason(null);
        form.getIndicators().get(1).assessedScore(new BigDecimal("10"));

        SelfEvaluationDecision decision = api().scoreSelfEvaluation(form, false);

        // 40.5 + 10 + 10 + 8: the out-of-band qualitative score still counts as assessed
        assertThat(decision.getTotalScore().toPlainString()).isEqualTo("68.50");
        assertThat(decision.getFindings()).extracting(ReviewFinding::getCode).containsExactly(
                ReviewFinding.CodeEnum.WEIGHTS_NOT_STANDARD, ReviewFinding.CodeEnum.QUALITATIVE_SCORE_OUT_OF_BAND,
                ReviewFinding.CodeEnum.MISSING_DEVIATION_REASON, ReviewFinding.CodeEnum.MISSING_DEVIATION_REASON,
                ReviewFinding.CodeEnum.REPORTED_SCORE_MISMATCH, ReviewFinding.CodeEnum.REPORTED_GRADE_MISMATCH);
        assertThat(decision.getFindings()).allSatisfy(f -> assertThat(f.getText()).isNotBlank());
    }

    @Test
    void aBatchKeepsRequestOrderAndSummarises() throws Exception {
        List<SelfEvaluationForm> forms = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            // executed from 0 to 1,999,000 yuan of a 1,000,000 budget, in steps of 1,000
            forms.add(example(String.format("P%05d", i)).executed(new BigDecimal(i * 1000L)));
        }
        long start = System.nanoTime();
        SelfEvaluationBatchDecision batch = api().scoreSelfEvaluationBatch(new SelfEvaluationBatchRequest().forms(forms), false);
        System.out.printf("self-evaluation batch of %d forms: %d ms%n", forms.size(), (System.nanoTime() - start) / 1_000_000);

        assertThat(batch.getResults()).extracting(SelfEvaluationScore::getProjectId)
                .isEqualTo(forms.stream().map(SelfEvaluationForm::getProjectId).toList());
        // executed 950,000 → 9.50 + 82 = 91.50; executed 0 → 82.00
        assertThat(batch.getResults().get(950).getTotalScore()).isEqualByComparingTo("91.50");
        assertThat(batch.getResults().get(0).getTotalScore()).isEqualByComparingTo("82.00");
        assertThat(batch.getSummary().getForms()).isEqualTo(2000);
        Map<GradeCount.GradeEnum, Integer> grades = batch.getSummary().getGradeCounts().stream()
                .collect(Collectors.toMap(GradeCount::getGrade, GradeCount::getCount));
        // totals are 82 + rate × 10 (capped at 10): 优 from executed 800,000 on (1200 forms), 良 below (800)
        assertThat(grades).containsEntry(GradeCount.GradeEnum.EXCELLENT, 1200).containsEntry(GradeCount.GradeEnum.GOOD, 800)
                .containsEntry(GradeCount.GradeEnum.FAIR, 0).containsEntry(GradeCount.GradeEnum.POOR, 0);
        Map<FindingCount.CodeEnum, Integer> findings = batch.getSummary().getFindingCounts().stream()
                .collect(Collectors.toMap(FindingCount::getCode, FindingCount::getCount));
        // below 90% (executed < 900,000: 900 forms) without a reason; the reported 91.5 is within 0.01 of the
        // totals 91.49, 91.50 and 91.51 only; the reported 优 is wrong for the 800 forms graded 良
        assertThat(findings).containsEntry(FindingCount.CodeEnum.MISSING_DEVIATION_REASON, 900)
                .containsEntry(FindingCount.CodeEnum.REPORTED_SCORE_MISMATCH, 1997)
                .containsEntry(FindingCount.CodeEnum.REPORTED_GRADE_MISMATCH, 800)
                .containsEntry(FindingCount.CodeEnum.WEIGHTS_NOT_STANDARD, 0);
    }

    @Test
    void oneBadFormRejectsTheWholeBatchNamingItsField() {
        String good = "{\"projectId\":\"A\",\"annualBudget\":100,\"executed\":100,\"indicators\":["
                + "{\"name\":\"x\",\"category\":\"OUTPUT\",\"weight\":50,\"type\":\"QUANTITATIVE\",\"direction\":\"AT_LEAST\",\"target\":1,\"actual\":1}]}";
        String bad = good.replace("\"A\"", "\"B\"").replace("\"target\":1,", "");
        given().contentType("application/json").body("{\"forms\":[" + good + "," + bad + "]}")
                .post("/api/v1/self-evaluations/score:batch")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.size()", equalTo(1))
                .body("errors[0].field", equalTo("/forms/1/indicators/0/target"));
    }

    static SelfEvaluationForm example(String projectId) {
        return new SelfEvaluationForm().projectId(projectId)
                .annualBudget(new BigDecimal("1000000.00")).executed(new BigDecimal("950000.00"))
                .indicators(new ArrayList<>(List.of(
                        quantitative("完成道路硬化里程（公里）", SelfEvaluationIndicator.CategoryEnum.OUTPUT, "50", "100", "90")
                                .deviationReason("雨季延误施工"),
                        new SelfEvaluationIndicator().name("群众出行条件改善").category(SelfEvaluationIndicator.CategoryEnum.BENEFIT)
                                .weight(new BigDecimal("30")).type(SelfEvaluationIndicator.TypeEnum.QUALITATIVE)
                                .achievement(SelfEvaluationIndicator.AchievementEnum.ACHIEVED).assessedScore(new BigDecimal("27")),
                        quantitative("群众满意度（%）", SelfEvaluationIndicator.CategoryEnum.SATISFACTION, "10", "90", "95"))))
                .reportedTotalScore(new BigDecimal("91.5")).reportedGrade(SelfEvaluationForm.ReportedGradeEnum.EXCELLENT);
    }

    private static SelfEvaluationForm edge(BigDecimal executed) {
        SelfEvaluationForm form = example("EDGE").executed(executed).reportedTotalScore(null).reportedGrade(null);
        form.getIndicators().get(0).actual(new BigDecimal("100")).deviationReason(null);
        form.getIndicators().get(1).achievement(SelfEvaluationIndicator.AchievementEnum.PARTIAL)
                .assessedScore(new BigDecimal("20")).deviationReason("部分路段未完工");
        return form;
    }

    private static SelfEvaluationIndicator quantitative(String name, SelfEvaluationIndicator.CategoryEnum category,
            String weight, String target, String actual) {
        return new SelfEvaluationIndicator().name(name).category(category).weight(new BigDecimal(weight))
                .type(SelfEvaluationIndicator.TypeEnum.QUANTITATIVE).direction(SelfEvaluationIndicator.DirectionEnum.LEAST)
                .target(new BigDecimal(target)).actual(new BigDecimal(actual));
    }

    static String sha256(String file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(Path.of(file))));
    }
}
