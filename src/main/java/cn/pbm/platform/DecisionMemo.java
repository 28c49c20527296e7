package cn.pbm.platform;

import java.math.BigDecimal;
import java.time.temporal.Temporal;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import cn.pbm.api.model.TableMatch;

/**
 * The answers one rule-set version's model gave, by inputs. A DMN model without {@code now()} or
 * {@code today()} is a pure function of its inputs, so the same inputs get the same results and the same
 * matched rows; the engine answers a repeat from here. Only inputs made of plain values are kept (numbers,
 * text, booleans, dates: a score, a date, a code repeat; a project's list of targets practically never does).
 * Keys compare exactly ({@code 90} and {@code 90.00} are different keys), so a memo can miss but never
 * answer for other inputs. Bounded: when it holds {@code capacity} answers it starts again empty.
 * The matched rows are kept only once a caller asked for them.
 */
final class DecisionMemo {

    private final int capacity;
    private final Map<Map<String, Object>, Answer> answers = new ConcurrentHashMap<>();

    DecisionMemo(int capacity) {
        this.capacity = capacity;
    }

    /** The memo for a model with this source text: none (capacity 0) when the model reads the clock. */
    static DecisionMemo forModel(String modelText, int capacity) {
        boolean readsTheClock = modelText.contains("now()") || modelText.contains("today()");
        return new DecisionMemo(readsTheClock ? 0 : capacity);
    }

    /** The answer kept for these inputs, with its matched rows if {@code withMatches}; else null. */
    Answer recall(Map<String, Object> inputs, boolean withMatches) {
        if (capacity <= 0 || !plainValues(inputs)) {
            return null;
        }
        Answer answer = answers.get(inputs);
        return answer == null || (withMatches && answer.matches() == null) ? null : answer;
    }

    /** Keeps an answer the engine just gave (if its inputs can be kept) and returns it. */
    Answer remember(Map<String, Object> inputs, Map<String, Object> results, List<TableMatch> matches) {
        Answer answer = new Answer(results, matches == null ? null : List.copyOf(matches));
        if (capacity > 0 && plainValues(inputs)) {
            if (answers.size() >= capacity) {
                answers.clear();
            }
            answers.put(Collections.unmodifiableMap(new HashMap<>(inputs)), answer);
        }
        return answer;
    }

    int size() {
        return answers.size();
    }

    private static boolean plainValues(Map<String, Object> inputs) {
        for (Object value : inputs.values()) {
            if (!(value == null || value instanceof String || value instanceof BigDecimal || value instanceof Boolean
                    || value instanceof Temporal || value instanceof Long || value instanceof Integer)) {
                return false;
            }
        }
        return true;
    }

    /** What the engine decided: every decision's result, and the matched rows if they were asked for. */
    record Answer(Map<String, Object> results, List<TableMatch> matches) {
    }
}
