package cn.pbm.targetreview;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.pbm.ContractClient;
import cn.pbm.client.api.TargetreviewApi;
import cn.pbm.client.model.ProjectTargetReview;
import cn.pbm.client.model.ReviewStages;
import cn.pbm.client.model.ReviewedTarget;
import cn.pbm.client.model.StageResult;
import cn.pbm.client.model.TargetFindingCode;
import cn.pbm.client.model.TargetReviewDecision;
import cn.pbm.client.model.TargetReviewProject;
import cn.pbm.client.model.TargetReviewRequest;
import cn.pbm.client.model.TargetReviewVerdict;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The target-review endpoint through the client generated from the contract. */
@QuarkusTest
class TargetReviewTest {

    @TestHTTPResource("/")
    URI base;

    private TargetreviewApi api() {
        return new TargetreviewApi(ContractClient.at(base)
                .setHttpClientBuilder(java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)));
    }

    private static ReviewedTarget target(ReviewedTarget.DimensionEnum dimension, String indicator) {
        return new ReviewedTarget().dimension(dimension).indicator(indicator).kind(ReviewedTarget.KindEnum.QUANTITATIVE)
                .value(new BigDecimal("90")).unit("%");
    }

    /**
     * A county's whole review round: 10,000 projects in one request, each built so its verdict is known (complete
     * and passed; missing 时效; complete with the finance review still to do), answered in request order.
     */
    @Test
    void tenThousandProjectsInOneRequestComeBackInOrderWithTheirSummary() throws Exception {
        int n = 10_000;
        List<TargetReviewProject> projects = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<ReviewedTarget> targets = new ArrayList<>(List.of(
                    target(ReviewedTarget.DimensionEnum.QUANTITY, "数量指标" + i),
                    target(ReviewedTarget.DimensionEnum.QUALITY, "质量指标" + i),
                    target(ReviewedTarget.DimensionEnum.EFFECT, "效果指标" + i)));
            if (i % 3 != 1) {
                targets.add(target(ReviewedTarget.DimensionEnum.TIMELINESS, "时效指标" + i));
            }
            projects.add(new TargetReviewProject().projectId(String.format("T-%05d", n - i))
                    .projectClass(TargetReviewProject.ProjectClassEnum.SPECIFIC_PURPOSE)
                    .targets(targets)
                    .stages(new ReviewStages().unitSelfCheck(StageResult.PASSED).departmentReview(StageResult.PASSED)
                            .financeReview(i % 3 == 2 ? null : StageResult.PASSED)));
        }
        TargetReviewDecision decision = api().reviewTargets(new TargetReviewRequest()
                .reviewDate(LocalDate.of(2025, 9, 16)).jurisdiction("640500").projects(projects), false);

        assertThat(decision.getResults()).hasSize(n);
        for (int i = 0; i < n; i++) {
            ProjectTargetReview result = decision.getResults().get(i);
            assertThat(result.getProjectId()).isEqualTo(String.format("T-%05d", n - i));
            switch (i % 3) {
                case 0 -> {
                    assertThat(result.getVerdict()).isEqualTo(TargetReviewVerdict.PASSED);
                    assertThat(result.getFindings()).isEmpty();
                    assertThat(result.getRevisionDueDate()).isNull();
                }
                case 1 -> {
                    assertThat(result.getVerdict()).isEqualTo(TargetReviewVerdict.RETURN_FOR_REVISION);
                    assertThat(result.getFindings()).singleElement().satisfies(f -> {
                        assertThat(f.getCode()).isEqualTo(TargetFindingCode.MISSING_DIMENSION);
                        assertThat(f.getMessage()).isEqualTo("绩效目标缺少“时效”维度的指标");
                    });
                    assertThat(result.getFindings().get(0).getPointer()).isEqualTo("/projects/" + i + "/targets");
                    assertThat(result.getRevisionDueDate()).isEqualTo(LocalDate.of(2025, 10, 9)); // 10-01 in 国庆
                }
                default -> {
                    assertThat(result.getVerdict()).isEqualTo(TargetReviewVerdict.PENDING);
                    assertThat(result.getFindings()).isEmpty();
                }
            }
        }
        assertThat(decision.getSummary().getTotal()).isEqualTo(n);
        assertThat(decision.getSummary().getVerdicts()).isEqualTo(Map.of(
                "PASSED", (n + 2) / 3, "RETURN_FOR_REVISION", (n + 1) / 3, "PENDING", n / 3));
        assertThat(decision.getSummary().getFindings()).containsEntry("MISSING_DIMENSION", (n + 1) / 3)
                .containsEntry("NO_TARGETS", 0).hasSize(TargetFindingCode.values().length);
        assertThat(decision.getRuleset().getId()).isEqualTo(TargetReviewTables.RULESET);
        assertThat(decision.getJurisdiction()).isEqualTo("640500");
    }
}
