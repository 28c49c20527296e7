package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /** A call that is not a large batch: lists and contexts of plain values make a key, compared exactly. */
    @Test
    void aStructuredKeyAnswersTheSameListsAndContextsOnly() {
        DecisionMemo memo = new DecisionMemo(100);
        Map<String, Object> inputs = targets(List.of(target("QUANTITY", true), target("EFFECT", false)), "PASSED");
        Object key = memo.key(inputs, true);
        assertThat(key).isNotNull();
        memo.remember(key, RESULTS, ROWS);

        // equal values in a fresh, mutable copy: the same answer, with its rows
        Map<String, Object> again = targets(new ArrayList<>(List.of(target("QUANTITY", true), target("EFFECT", false))),
                "PASSED");
        assertThat(memo.recall(memo.key(again, true), true).matches()).isEqualTo(ROWS);
        // without the structured flag (a large batch) the same inputs are neither looked up nor kept
        assertThat(memo.key(again, false)).isNull();
        assertThat(memo.recall(memo.key(again, false), false)).isNull();

        // any difference is another key: a value, its scale, the order of items, a stage, a context's entry order
        assertThat(memo.recall(memo.key(targets(List.of(target("QUANTITY", true), target("EFFECT", true)), "PASSED"),
                true), false)).isNull();
        assertThat(memo.recall(memo.key(targets(List.of(target("EFFECT", false), target("QUANTITY", true)), "PASSED"),
                true), false)).isNull();
        assertThat(memo.recall(memo.key(targets(List.of(target("QUANTITY", true), target("EFFECT", false)), null),
                true), false)).isNull();
        Map<String, Object> reordered = new LinkedHashMap<>();
        Map<String, Object> first = target("QUANTITY", true);
        List<String> names = new ArrayList<>(first.keySet());
        java.util.Collections.reverse(names);
        names.forEach(name -> reordered.put(name, first.get(name)));
        assertThat(reordered).isEqualTo(first);
        assertThat(memo.recall(memo.key(targets(List.of(reordered, target("EFFECT", false)), "PASSED"), true), false))
                .isNull();
        assertThat(memo.recall(memo.key(Map.of("weights", List.of(new BigDecimal("30"))), true), false)).isNull();
        memo.remember(memo.key(Map.of("weights", List.of(new BigDecimal("30"))), true), RESULTS, null);
        assertThat(memo.recall(memo.key(Map.of("weights", List.of(new BigDecimal("30.0"))), true), false)).isNull();
        assertThat(memo.recall(memo.key(Map.of("weights", List.of(new BigDecimal("30"))), true), false)).isNotNull();
    }

    @Test
    void aStructuredKeyIsACopyAndLeavesOutWhatItCannotKeep() {
        DecisionMemo memo = new DecisionMemo(100);
        List<Map<String, Object>> targets = new ArrayList<>(List.of(target("QUANTITY", true)));
        Map<String, Object> inputs = targets(targets, "PASSED");
        memo.remember(memo.key(inputs, true), RESULTS, null);
        targets.add(target("EFFECT", true)); // the caller's list changes after the call: the key does not
        assertThat(memo.recall(memo.key(inputs, true), false)).isNull();
        assertThat(memo.recall(memo.key(targets(List.of(target("QUANTITY", true)), "PASSED"), true), false)).isNotNull();

        // more values than a key may hold, an object that is not a plain value, a context with a non-text name
        List<BigDecimal> many = new ArrayList<>();
        for (int i = 0; i <= DecisionMemo.MAX_VALUES; i++) {
            many.add(BigDecimal.valueOf(i));
        }
        assertThat(memo.key(Map.of("values", many), true)).isNull();
        assertThat(memo.key(Map.of("values", many.subList(0, DecisionMemo.MAX_VALUES)), true)).isNotNull();
        assertThat(memo.key(Map.of("target", List.of(new Object())), true)).isNull();
        assertThat(memo.key(Map.of("target", Map.of(1, "x")), true)).isNull();
        assertThat(new DecisionMemo(0).key(inputs, true)).isNull();
    }

    @Test
    void structuredAnswersAreBoundedApart() {
        DecisionMemo memo = new DecisionMemo(40); // a twentieth: 2 structured answers
        memo.remember(Map.of("score", BigDecimal.ONE), RESULTS, null);
        for (int i = 0; i < 3; i++) {
            memo.remember(memo.key(Map.of("weights", List.of(BigDecimal.valueOf(i))), true), RESULTS, null);
        }
        assertThat(memo.size()).isEqualTo(2); // the plain answer and the last structured one
        assertThat(memo.recall(Map.of("score", BigDecimal.ONE), false)).isNotNull();
        assertThat(memo.recall(memo.key(Map.of("weights", List.of(BigDecimal.valueOf(2))), true), false)).isNotNull();
        assertThat(memo.recall(memo.key(Map.of("weights", List.of(BigDecimal.valueOf(0))), true), false)).isNull();
    }

    private static Map<String, Object> target(String dimension, boolean hasValue) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("dimension", dimension);
        target.put("quantitative", true);
        target.put("hasValue", hasValue);
        target.put("indicator", null);
        return target;
    }

    private static Map<String, Object> targets(List<Map<String, Object>> targets, String unitSelfCheck) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("targets", targets);
        inputs.put("unitSelfCheck", unitSelfCheck);
        return inputs;
    }
}
