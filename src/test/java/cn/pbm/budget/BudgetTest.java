package cn.pbm.budget;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import cn.pbm.ContractClient;
import cn.pbm.client.api.BudgetApi;
import cn.pbm.client.model.AdmissionDecision;
import cn.pbm.client.model.AdmissionRequest;
import cn.pbm.client.model.BudgetAction;
import cn.pbm.client.model.BudgetAdjustmentDecision;
import cn.pbm.client.model.BudgetAdjustmentRequest;
import cn.pbm.client.model.BudgetDepartment;
import cn.pbm.client.model.BudgetGrade;
import cn.pbm.client.model.BudgetProject;
import cn.pbm.client.model.CutTotal;
import cn.pbm.client.model.DepartmentAdjustment;
import cn.pbm.client.model.ProjectAdjustment;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The budget endpoints through the client generated from the contract; bad input through RestAssured. */
@QuarkusTest
class BudgetTest {

    private static final List<String> ALL = List.of("QUANTITY", "QUALITY", "TIMELINESS", "EFFECT");

    @TestHTTPResource("/")
    URI base;

    private BudgetApi api() {
        return new BudgetApi(ContractClient.at(base));
    }

    private static AdmissionRequest admission(String amount, boolean report, String score) {
        return new AdmissionRequest().projectId("P").amount(new BigDecimal(amount)).newProject(true)
                .exAnteReportSubmitted(report).exAnteScore(score == null ? null : new BigDecimal(score));
    }

    @Test
    void inXiangyuanANewProjectOfExactlyFiveMillionNeedsAReportAndOneCentLessDoesNot() throws Exception {
        AdmissionDecision at = api().admitToProjectLibrary(admission("5000000.00", false, null).jurisdiction("140423"), false);
        AdmissionDecision below = api().admitToProjectLibrary(admission("4999999.99", false, null).jurisdiction("140423"), false);
        AdmissionDecision byDefault = api().admitToProjectLibrary(admission("4999999.99", false, null), false);

        assertThat(byDefault.getDecision()).isEqualTo(AdmissionDecision.DecisionEnum.EX_ANTE_REPORT_REQUIRED);
        assertThat(byDefault.getRuleset().getJurisdiction()).isNull();
        assertThat(byDefault.getRuleset().getSha256()).isEqualTo(sha256("dmn/budget/project-library-admission.dmn"));
        assertThat(below.getRuleset().getJurisdiction()).isEqualTo("140423");

        assertThat(at.getDecision()).isEqualTo(AdmissionDecision.DecisionEnum.EX_ANTE_REPORT_REQUIRED);
        assertThat(at.getExAnteReportRequired()).isTrue();
        assertThat(below.getDecision()).isEqualTo(AdmissionDecision.DecisionEnum.ADMIT);
        assertThat(below.getExAnteReportRequired()).isFalse();
        assertThat(at.getRuleset().getId()).isEqualTo("budget.project-library-admission");
        assertThat(at.getRuleset().getSha256()).isEqualTo(sha256("dmn/budget/project-library-admission.140423.dmn"));
        assertThat(at.getRulesets()).extracting(r -> r.getId()).containsExactly("budget.project-library-admission");
    }

    @Test
    void theExAnteConclusionOfTheGradingFamilyDecidesWithAReport() throws Exception {
        AdmissionDecision feasible = api().admitToProjectLibrary(admission("5000000", true, "90"), false);
        AdmissionDecision revise = api().admitToProjectLibrary(admission("5000000", true, "70"), false);
        AdmissionDecision reject = api().admitToProjectLibrary(admission("5000000", true, "69.99"), false);

        assertThat(feasible.getDecision()).isEqualTo(AdmissionDecision.DecisionEnum.ADMIT);
        assertThat(feasible.getExAnteConclusionLabel()).isEqualTo("可行");
        assertThat(revise.getDecision()).isEqualTo(AdmissionDecision.DecisionEnum.RETURN_FOR_REVISION);
        assertThat(reject.getDecision()).isEqualTo(AdmissionDecision.DecisionEnum.REJECT);
        assertThat(reject.getDecisionLabel()).isEqualTo("不予入库");
        assertThat(reject.getRulesets()).extracting(r -> r.getId())
                .containsExactly("grading.ex-ante-assessment", "budget.project-library-admission");
        assertThat(reject.getRulesets().get(0).getSha256()).isEqualTo(sha256("dmn/grading/ex-ante-assessment.dmn"));
    }

    private static BudgetProject project(String id, String budget, BudgetGrade grade, Boolean rectified) {
        return new BudgetProject().projectId(id).budget(new BigDecimal(budget)).hasTargets(true)
                .targetDimensions(new ArrayList<>(ALL)).selfEvaluatedLastYear(grade != null)
                .evaluationGrade(grade).rectificationDone(rectified);
    }

    @Test
    void eachGradeGetsExactlyItsActions() throws Exception {
        BudgetAdjustmentDecision decision = api().adjustBudgets(new BudgetAdjustmentRequest().budgetYear(2025)
                .projects(List.of(project("EX", "1000", BudgetGrade.EXCELLENT, true),
                        project("GD", "1000", BudgetGrade.GOOD, false),
                        project("FR", "1000", BudgetGrade.FAIR, true),
                        project("FN", "1000", BudgetGrade.FAIR, false),
                        project("PR", "1000", BudgetGrade.POOR, true),
                        project("PN", "1000", BudgetGrade.POOR, false))), false);

        List<ProjectAdjustment> p = decision.getProjects();
        assertThat(p).extracting(ProjectAdjustment::getProjectId).containsExactly("EX", "GD", "FR", "FN", "PR", "PN");
        assertThat(actions(p.get(0))).containsExactly("PRIORITY");
        assertThat(actions(p.get(1))).as("整改不力 alone suspends (同心县二(四))").containsExactly("SUSPEND_AND_NO_NEW_REQUESTS");
        assertThat(actions(p.get(2))).containsExactly("CUT_10_PERCENT");
        assertThat(actions(p.get(3))).containsExactly("CUT_10_PERCENT", "SUSPEND_AND_NO_NEW_REQUESTS");
        assertThat(actions(p.get(4))).as("不合格 alone suspends").containsExactly("CUT_10_PERCENT", "NO_SAME_CONTENT_BUDGET",
                "SUSPEND_AND_NO_NEW_REQUESTS");
        assertThat(actions(p.get(5))).containsExactly("CUT_10_PERCENT", "NO_SAME_CONTENT_BUDGET",
                "SUSPEND_AND_NO_NEW_REQUESTS");
        assertThat(p).extracting(ProjectAdjustment::getRecommendedBudget).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("1000"), new BigDecimal("1000"), new BigDecimal("900"),
                        new BigDecimal("900"), BigDecimal.ZERO, BigDecimal.ZERO);
        assertThat(decision.getRuleset().getSha256()).isEqualTo(sha256("dmn/budget/project-budget-adjustment.dmn"));
    }

    @Test
    void theHalfCentOfFivePercentRoundsUp() throws Exception {
        BudgetAdjustmentDecision decision = api().adjustBudgets(new BudgetAdjustmentRequest().budgetYear(2025)
                .departments(List.of(new BudgetDepartment().departmentId("D").overallGrade(BudgetGrade.FAIR)
                        .publicFunds(new BigDecimal("2345678.90")))), false);

        DepartmentAdjustment department = decision.getDepartments().get(0);
        assertThat(department.getPublicFundsCut()).isEqualByComparingTo("117283.95");
        assertThat(department.getRecommendedPublicFunds()).isEqualByComparingTo("2228394.95");
        assertThat(decision.getRuleset().getId()).isEqualTo("budget.department-public-funds");
    }

    /** A mixed batch: every line adds up to its input, every total is the sum of the shown lines, order kept. */
    @Test
    void totalsAreTheSumsOfTheRoundedLines() throws Exception {
        Random random = new Random(20250101);
        BudgetGrade[] grades = BudgetGrade.values();
        List<BudgetProject> projects = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String budget = BigDecimal.valueOf(random.nextInt(1_000_000_000), 2).toPlainString();
            BudgetGrade grade = random.nextInt(5) == 0 ? null : grades[random.nextInt(grades.length)];
            BudgetProject project = project("P" + (399 - i), budget, grade, grade == null ? null : random.nextBoolean());
            if (random.nextInt(10) == 0) {
                project.hasTargets(false).targetDimensions(new ArrayList<>());
            } else if (random.nextInt(10) == 0) {
                project.getTargetDimensions().remove(random.nextInt(4));
            }
            projects.add(project);
        }
        List<BudgetDepartment> departments = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            departments.add(new BudgetDepartment().departmentId("D" + i).overallGrade(grades[random.nextInt(4)])
                    .publicFunds(BigDecimal.valueOf(random.nextInt(100_000_000), 2)));
        }
        BudgetAdjustmentDecision decision = api().adjustBudgets(new BudgetAdjustmentRequest().budgetYear(2026)
                .projects(projects).departments(departments), false);

        BigDecimal cuts = BigDecimal.ZERO, withheld = BigDecimal.ZERO, recommended = BigDecimal.ZERO;
        BigDecimal byKind = BigDecimal.ZERO;
        int eligible = 0;
        for (int i = 0; i < projects.size(); i++) {
            ProjectAdjustment line = decision.getProjects().get(i);
            assertThat(line.getProjectId()).isEqualTo(projects.get(i).getProjectId());
            assertThat(line.getCuts().add(line.getWithheld()).add(line.getRecommendedBudget()))
                    .isEqualByComparingTo(projects.get(i).getBudget());
            BigDecimal actionSum = line.getActions().stream().map(BudgetAction::getAmount)
                    .filter(a -> a != null).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(line.getCuts()).isEqualByComparingTo(actionSum);
            cuts = cuts.add(line.getCuts());
            withheld = withheld.add(line.getWithheld());
            recommended = recommended.add(line.getRecommendedBudget());
            eligible += line.getEligibility() == ProjectAdjustment.EligibilityEnum.ELIGIBLE ? 1 : 0;
        }
        for (CutTotal kind : decision.getTotals().getProjectCuts()) {
            byKind = byKind.add(kind.getAmount());
        }
        BigDecimal fundsCut = BigDecimal.ZERO, fundsLeft = BigDecimal.ZERO;
        for (int i = 0; i < departments.size(); i++) {
            DepartmentAdjustment line = decision.getDepartments().get(i);
            assertThat(line.getDepartmentId()).isEqualTo("D" + i);
            assertThat(line.getPublicFundsCut().add(line.getRecommendedPublicFunds()))
                    .isEqualByComparingTo(departments.get(i).getPublicFunds());
            fundsCut = fundsCut.add(line.getPublicFundsCut());
            fundsLeft = fundsLeft.add(line.getRecommendedPublicFunds());
        }
        assertThat(decision.getTotals().getProjectCutsTotal()).isEqualByComparingTo(cuts).isEqualByComparingTo(byKind);
        assertThat(decision.getTotals().getWithheldTotal()).isEqualByComparingTo(withheld);
        assertThat(decision.getTotals().getRecommendedBudgetTotal()).isEqualByComparingTo(recommended);
        assertThat(decision.getTotals().getPublicFundsCutTotal()).isEqualByComparingTo(fundsCut);
        assertThat(decision.getTotals().getRecommendedPublicFundsTotal()).isEqualByComparingTo(fundsLeft);
        assertThat(decision.getTotals().getEligibleProjects()).isEqualTo(eligible);
        assertThat(decision.getTotals().getNotEligibleProjects()).isEqualTo(projects.size() - eligible);
        assertThat(cuts.signum()).isPositive();
        assertThat(fundsCut.signum()).isPositive();
    }

    @Test
    void everyBadItemOfTheWholeRequestIsNamedAndNothingIsDecided() {
        String body = """
                {"budgetYear": 2025,
                 "projects": [
                   {"projectId": "A", "budget": 1.00, "hasTargets": false, "selfEvaluatedLastYear": false},
                   {"projectId": "A", "budget": 1.001, "hasTargets": false, "selfEvaluatedLastYear": false}],
                 "departments": [
                   {"departmentId": "D", "overallGrade": "GOOD", "publicFunds": 1},
                   {"departmentId": "D", "overallGrade": "GOOD", "publicFunds": 1}]}""";
        given().contentType("application/json").body(body).post("/api/v1/budget-adjustments").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("/projects/1/projectId", "/projects/1/budget",
                        "/departments/1/departmentId"));
    }

    @Test
    void anUnknownGradeIsRejectedNotDefaulted() {
        given().contentType("application/json")
                .body("{\"budgetYear\": 2025, \"departments\": [{\"departmentId\": \"D\", \"overallGrade\": \"AVERAGE\", \"publicFunds\": 1}]}")
                .post("/api/v1/budget-adjustments").then()
                .statusCode(400)
                .body("errors[0].field", equalTo("/departments/0/overallGrade"));
    }

    private static List<String> actions(ProjectAdjustment project) {
        return project.getActions().stream().map(BudgetAction::getAction).toList();
    }

    private static String sha256(String file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(Path.of(file))));
    }
}
