package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.pbm.api.model.TableMatch;

/** The engine's memo answers only the very inputs it saw, keeps matched rows once asked for, and stays bounded. */
class DecisionMemoTest {

    private static final Map<String, Object> RESULTS = Map.of("evaluationGrade", Map.of("grade", "GOOD"));
    private static final List<TableMatch> ROWS = List.of(new TableMatch().decision("evaluationGrade").matchedRows(List.of(2)));

    @Test
    void answersTheSameInputsOnly() {
        DecisionMemo memo = new DecisionMemo(100);
        memo.remember(Map.of("score", new BigDecimal("85")), RESULTS, null);

        assertThat(memo.recall(Map.of("score", new BigDecimal("85")), false).results()).isEqualTo(RESULTS);
        assertThat(memo.recall(Map.of("score", new BigDecimal("85.00")), false)).isNull();
        assertThat(memo.recall(Map.of("score", new BigDecimal("86")), false)).isNull();
        assertThat(memo.recall(Map.of("score", new BigDecimal("85"), "other", "x"), false)).isNull();
    }

    @Test
    void anAnswerKeptWithoutItsRowsIsNotUsedToExplain() {
        DecisionMemo memo = new DecisionMemo(100);
        Map<String, Object> inputs = Map.of("kind", "BUDGET", "triggerDate", LocalDate.of(2025, 4, 20));
        memo.remember(inputs, RESULTS, null);
        assertThat(memo.recall(inputs, true)).isNull();

        memo.remember(inputs, RESULTS, ROWS);
        assertThat(memo.recall(inputs, true).matches()).isEqualTo(ROWS);
        assertThat(memo.recall(inputs, false).matches()).isEqualTo(ROWS);
    }

    @Test
    void keepsPlainValuesAndAbsentOnesButNotLists() {
        DecisionMemo memo = new DecisionMemo(100);
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("score", BigDecimal.TEN);
        withNull.put("reportSubmitted", null);
        memo.remember(withNull, RESULTS, null);
        assertThat(memo.recall(withNull, false)).isNotNull();

        Map<String, Object> withList = Map.of("targets", List.of(Map.of("actual", BigDecimal.ONE)));
        DecisionMemo.Answer answer = memo.remember(withList, RESULTS, ROWS);
        assertThat(answer.results()).isEqualTo(RESULTS);
        assertThat(memo.recall(withList, false)).isNull();
        assertThat(memo.size()).isEqualTo(1);
    }

    @Test
    void startsAgainEmptyWhenFullAndCanBeTurnedOff() {
        DecisionMemo memo = new DecisionMemo(3);
        for (int score = 0; score < 4; score++) {
            memo.remember(Map.of("score", BigDecimal.valueOf(score)), RESULTS, null);
        }
        assertThat(memo.size()).isEqualTo(1);
        assertThat(memo.recall(Map.of("score", BigDecimal.valueOf(3)), false)).isNotNull();
        assertThat(memo.recall(Map.of("score", BigDecimal.valueOf(0)), false)).isNull();

        DecisionMemo off = new DecisionMemo(0);
        off.remember(Map.of("score", BigDecimal.ONE), RESULTS, null);
        assertThat(off.recall(Map.of("score", BigDecimal.ONE), false)).isNull();
    }

    @Test
    void aModelThatReadsTheClockGetsNoMemo() {
        Map<String, Object> inputs = Map.of("asOf", LocalDate.of(2025, 1, 1));
        DecisionMemo clock = DecisionMemo.forModel("<text>if asOf < today() then \"LATE\" else \"OK\"</text>", 100);
        clock.remember(inputs, RESULTS, null);
        assertThat(clock.recall(inputs, false)).isNull();

        DecisionMemo plain = DecisionMemo.forModel("<text>[90..100]</text>", 100);
        plain.remember(inputs, RESULTS, null);
        assertThat(plain.recall(inputs, false)).isNotNull();
    }
}
