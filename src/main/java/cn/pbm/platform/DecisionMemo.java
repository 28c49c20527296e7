package cn.pbm.platform;

import java.math.BigDecimal;
import java.time.temporal.Temporal;
import java.util.ArrayList;
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
 * text, booleans, dates: a score, a date, a code). A call that is not a large batch ({@code structured}) may
 * also be kept when its inputs are lists and contexts of plain values with at most {@value #MAX_VALUES}
 * values in all (a form's review facts, a project's target facts): such a key is an immutable copy in which a
 * context keeps its entries' order, so a repeat is the same evaluation to the last detail; these answers are
 * bounded apart, by a twentieth of {@code capacity} (their results are larger). Keys compare
 * exactly ({@code 90} and {@code 90.00} are different keys), so a memo can miss but never answer for other
 * inputs. Bounded: when it holds {@code capacity} answers it starts again empty. The matched rows are kept
 * only once a caller asked for them.
 */
final class DecisionMemo {

    private final int capacity;
    private final Map<Map<String, Object>, Answer> answers = new ConcurrentHashMap<>();
    /** Answers under structured keys, bounded apart (a twentieth of {@code capacity}): theirs are larger. */
    private final Map<Structured, Answer> structuredAnswers = new ConcurrentHashMap<>();

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
        return recall(key(inputs, false), withMatches);
    }

    /**
     * The key of these inputs, or null when they cannot be kept; {@code structured}: lists and contexts of plain
     * values may be kept too (see the class comment). Computed once per evaluation, for {@link #recall} and
     * {@link #remember}.
     */
    Object key(Map<String, Object> inputs, boolean structured) {
        if (capacity <= 0) {
            return null;
        }
        if (plainValues(inputs)) {
            return inputs; // looked up as it is; copied only when an answer is kept under it (remember)
        }
        if (!structured) {
            return null;
        }
        int[] budget = {MAX_VALUES};
        Map<String, Object> key = new HashMap<>();
        for (Map.Entry<String, Object> input : inputs.entrySet()) {
            Object value = copy(input.getValue(), budget, 0);
            if (value == NOT_KEPT) {
                return null;
            }
            key.put(input.getKey(), value);
        }
        return new Structured(Collections.unmodifiableMap(key));
    }

    /** The answer kept under {@code key} (null: none), with its matched rows if {@code withMatches}; else null. */
    Answer recall(Object key, boolean withMatches) {
        if (key == null) {
            return null;
        }
        Answer answer = key instanceof Structured structured ? structuredAnswers.get(structured) : answers.get(key);
        return answer == null || (withMatches && answer.matches() == null) ? null : answer;
    }

    /** Keeps an answer the engine just gave (if its inputs can be kept) and returns it. */
    Answer remember(Map<String, Object> inputs, Map<String, Object> results, List<TableMatch> matches) {
        return remember(key(inputs, false), results, matches);
    }

    /** Keeps an answer the engine just gave under {@code key} (null: not kept) and returns it. */
    Answer remember(Object key, Map<String, Object> results, List<TableMatch> matches) {
        Answer answer = new Answer(results, matches == null ? null : List.copyOf(matches));
        if (key instanceof Structured structured) {
            if (structuredAnswers.size() >= Math.max(1, capacity / 20)) {
                structuredAnswers.clear();
            }
            structuredAnswers.put(structured, answer);
        } else if (key != null) {
            if (answers.size() >= capacity) {
                answers.clear();
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> plainKey = (Map<String, Object>) key;
            answers.put(Collections.unmodifiableMap(new HashMap<>(plainKey)), answer);
        }
        return answer;
    }

    /** The most values (leaves of lists and contexts) a structured key may hold. */
    static final int MAX_VALUES = 256;
    private static final int MAX_DEPTH = 4;
    private static final Object NOT_KEPT = new Object();

    /**
     * An immutable copy of a value for a structured key: a plain value itself, a list as a list of copies, a
     * context (a map with text keys) as its entries in their order; {@link #NOT_KEPT} for anything else, or once
     * {@code budget[0]} values or {@link #MAX_DEPTH} levels are exceeded.
     */
    private static Object copy(Object value, int[] budget, int depth) {
        if (plain(value)) {
            return --budget[0] < 0 ? NOT_KEPT : value;
        }
        if (depth >= MAX_DEPTH) {
            return NOT_KEPT;
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            for (Object item : list) {
                Object copied = copy(item, budget, depth + 1);
                if (copied == NOT_KEPT) {
                    return NOT_KEPT;
                }
                items.add(copied);
            }
            return Collections.unmodifiableList(items);
        }
        if (value instanceof Map<?, ?> map) {
            List<Object> entries = new ArrayList<>(2 * map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object copied = entry.getKey() instanceof String ? copy(entry.getValue(), budget, depth + 1) : NOT_KEPT;
                if (copied == NOT_KEPT) {
                    return NOT_KEPT;
                }
                entries.add(entry.getKey());
                entries.add(copied);
            }
            return new Context(Collections.unmodifiableList(entries));
        }
        return NOT_KEPT;
    }

    /** A structured key: the inputs with their lists and contexts copied. */
    private record Structured(Map<String, Object> inputs) {
    }

    /** A context in a structured key: its names and values in its own order (two orders, two keys). */
    private record Context(List<Object> namesAndValues) {
    }

    int size() {
        return answers.size() + structuredAnswers.size();
    }

    private static boolean plainValues(Map<String, Object> inputs) {
        for (Object value : inputs.values()) {
            if (!plain(value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean plain(Object value) {
        return value == null || value instanceof String || value instanceof BigDecimal || value instanceof Boolean
                || value instanceof Temporal || value instanceof Long || value instanceof Integer;
    }

    /** What the engine decided: every decision's result, and the matched rows if they were asked for. */
    record Answer(Map<String, Object> results, List<TableMatch> matches) {
    }
}
