package cn.pbm.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import cn.pbm.ContractClient;
import cn.pbm.client.ApiException;
import cn.pbm.client.api.GradingApi;
import cn.pbm.client.model.EvaluationGradeDecision;
import cn.pbm.client.model.ExAnteDecision;
import cn.pbm.client.model.ScoreRequest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The README's two grading calls, through the client generated from the contract. */
@QuarkusTest
class GradingTest {

    @TestHTTPResource("/")
    URI base;

    private GradingApi api() {
        return new GradingApi(ContractClient.at(base));
    }

    @Test
    void exAnteScoreOf85NeedsRevision() throws Exception {
        ExAnteDecision decision = api().gradeExAnte(new ScoreRequest().score(new BigDecimal("85")), false);

        assertThat(decision.getConclusion()).isEqualTo(ExAnteDecision.ConclusionEnum.NEEDS_REVISION);
        assertThat(decision.getConclusionLabel()).isEqualTo("待完善");
        assertThat(decision.getAction()).isEqualTo("修改完善后重新申报");
        assertThat(decision.getRuleset().getId()).isEqualTo("grading.ex-ante-assessment");
        assertThat(decision.getRuleset().getSha256()).isEqualTo(sha256("dmn/grading/ex-ante-assessment.dmn"));
    }

    @Test
    void evaluationScoreOf85IsGood() throws Exception {
        EvaluationGradeDecision decision = api().gradeEvaluation(new ScoreRequest().score(new BigDecimal("85")), false);

        assertThat(decision.getGrade()).isEqualTo(EvaluationGradeDecision.GradeEnum.GOOD);
        assertThat(decision.getGradeLabel()).isEqualTo("良");
        assertThat(decision.getRuleset().getVersion()).isNotBlank();
        assertThat(decision.getRuleset().getSha256()).isEqualTo(sha256("dmn/grading/evaluation-grade.dmn"));
    }

    @Test
    void everyCallHasItsOwnDecisionId() throws Exception {
        ScoreRequest request = new ScoreRequest().score(new BigDecimal("85"));
        assertThat(api().gradeEvaluation(request, false).getDecisionId())
                .isNotNull()
                .isNotEqualTo(api().gradeEvaluation(request, false).getDecisionId());
    }

    @Test
    void aScoreOutsideTheContractIsRejectedBeforeTheEngine() {
        assertThatThrownBy(() -> api().gradeExAnte(new ScoreRequest().score(new BigDecimal("100.01")), false))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getResponseBody()).contains("\"field\":\"/score\"");
                });
    }

    static String sha256(String file) throws Exception {
        return HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(Path.of(file))));
    }
}
