package cn.pbm.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kie.dmn.api.core.DMNType;
import org.kie.dmn.api.core.ast.InputDataNode;
import org.kie.dmn.core.impl.BaseDMNTypeImpl;
import org.kie.dmn.feel.lang.Type;
import org.kie.dmn.feel.lang.types.AliasFEELType;
import org.kie.dmn.feel.lang.types.BuiltInType;

/**
 * Issue 19: {@link InputTypeCheck} never says "assignable" where KIE's own {@link DMNType#isAssignableValue} says
 * not. For every input of every deployed model, values built from the input's own type (every text the model's
 * file quotes, so every allowed value and some that are not; numbers of several scales; dates; booleans; lists of 0-4
 * elements; contexts), then spoiled at random (a null, a missing field, an extra key, a value of another kind, a
 * single value where a list is expected, a list of one where a value is expected). Each is checked by both; the
 * cheaper check must also be sure of most valid values of the models the compiled path takes, or it saves nothing.
 */
class InputTypeCheckTest {

    private static final int PER_INPUT = Integer.getInteger("pbm-test.input-type.count", 4_000);
    private static final Pattern QUOTED = Pattern.compile("(?:\"|&quot;)([^\"&<]{1,40})(?:\"|&quot;)");

    @Test
    void neverAssignableWhereKieSaysNot() throws Exception {
        int compared = 0;
        int certain = 0;
        int kieYes = 0;
        Map<String, int[]> compiledInputs = new LinkedHashMap<>();
        for (Map.Entry<String, FastPathDifferential.Loaded> entry : FastPathDifferential.deployedModels().entrySet()) {
            String path = entry.getKey();
            List<String> texts = new ArrayList<>(quotedTexts(Path.of(path)));
            texts.add("不在允许值内");
            texts.add("");
            boolean compiled = FastPath.of(entry.getValue().model(), entry.getValue().ruleset())
                    instanceof CompiledDecisions;
            Random random = new Random(20261202L ^ path.hashCode());
            for (InputDataNode input : entry.getValue().model().getInputs()) {
                DMNType type = input.getType();
                InputTypeCheck.Check check = InputTypeCheck.of(type);
                if (check == null) {
                    continue; // KIE's own check only
                }
                Values values = new Values(random, texts);
                int[] counts = new int[2];
                for (int i = 0; i < PER_INPUT; i++) {
                    Object value = values.of(type, 0);
                    boolean valid = i % 2 == 0;
                    if (!valid) {
                        value = values.spoil(value, type, 0);
                    }
                    boolean kie = type.isAssignableValue(value);
                    boolean fast = check.certainlyAssignable(value);
                    compared++;
                    if (fast && !kie) {
                        fail(path + " input " + input.getName() + ": assignable for the cheap check, not for KIE: "
                                + value);
                    }
                    certain += fast ? 1 : 0;
                    kieYes += kie ? 1 : 0;
                    if (valid && kie) {
                        counts[1]++;
                        counts[0] += fast ? 1 : 0;
                    }
                    // the same value again: a remembered answer must be the same answer
                    assertEquals(fast, check.certainlyAssignable(value), path + " " + input.getName() + ": " + value);
                }
                if (compiled) {
                    compiledInputs.put(path + " " + input.getName(), counts);
                }
            }
        }
        System.out.printf("InputTypeCheck: %d values compared, KIE assignable %d, cheap check certain %d%n", compared,
                kieYes, certain);
        assertTrue(compared > 10_000, "too few values compared: " + compared);
        assertTrue(compiledInputs.keySet().stream().anyMatch(k -> k.startsWith("dmn/warning/monitoring-lights.2.2.1.dmn")),
                "the monitoring model in force has an input the cheap check follows: " + compiledInputs.keySet());
        compiledInputs.forEach((input, counts) -> assertTrue(counts[0] * 10 >= counts[1] * 9,
                input + ": the cheap check is sure of only " + counts[0] + " of the " + counts[1] + " values KIE takes"));
    }

    @Test
    void aContextMissingAFieldOrAnUnknownValueIsLeftToKie() {
        FastPathDifferential.Loaded monitoring = FastPathDifferential.deployedModels()
                .get("dmn/warning/monitoring-lights.2.2.1.dmn");
        DMNType targets = monitoring.model().getInputByName("targets").getType();
        InputTypeCheck.Check check = InputTypeCheck.of(targets);
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("name", "完成率");
        target.put("direction", "AT_LEAST");
        target.put("expected", new BigDecimal("100"));
        target.put("actual", new BigDecimal("85.5"));
        assertTrue(check.certainlyAssignable(List.of(target)), "a plain target list");
        assertTrue(targets.isAssignableValue(List.of(target)));
        Map<String, Object> unknown = new LinkedHashMap<>(target);
        unknown.put("direction", "SIDEWAYS");
        assertTrue(!check.certainlyAssignable(List.of(target, unknown)) && !targets.isAssignableValue(List.of(unknown)),
                "an unknown direction");
        Map<String, Object> missing = new LinkedHashMap<>(target);
        missing.remove("direction");
        assertTrue(!check.certainlyAssignable(List.of(missing)) && !targets.isAssignableValue(List.of(missing)),
                "a target without its direction");
        assertTrue(!check.certainlyAssignable(target), "a single target where a list is expected: KIE decides");
    }

    /** Every text the model's file quotes: its allowed values and table literals among them. */
    private static List<String> quotedTexts(Path file) throws Exception {
        List<String> texts = new ArrayList<>();
        Matcher m = QUOTED.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
            if (!texts.contains(m.group(1))) {
                texts.add(m.group(1));
            }
        }
        return texts;
    }

    /** Values built from a DMN type, and spoiled. */
    private record Values(Random random, List<String> texts) {

        Object of(DMNType type, int depth) {
            if (type.isCollection()) {
                List<Object> items = new ArrayList<>();
                DMNType element = type.getBaseType();
                int n = depth > 3 ? 0 : random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    items.add(element == null ? scalar(BuiltInType.UNKNOWN) : of(element, depth + 1));
                }
                return items;
            }
            if (type.isComposite() && !type.getFields().isEmpty()) {
                Map<String, Object> map = new HashMap<>();
                for (Map.Entry<String, DMNType> field : type.getFields().entrySet()) {
                    map.put(field.getKey(), depth > 3 ? null : of(field.getValue(), depth + 1));
                }
                return map;
            }
            return scalar(builtIn(type));
        }

        Object scalar(Type builtIn) {
            if (builtIn == BuiltInType.STRING) {
                return texts.get(random.nextInt(texts.size()));
            }
            if (builtIn == BuiltInType.BOOLEAN) {
                return random.nextBoolean();
            }
            if (builtIn == BuiltInType.DATE) {
                return LocalDate.of(2020 + random.nextInt(8), 1 + random.nextInt(12), 1 + random.nextInt(28));
            }
            if (builtIn == BuiltInType.NUMBER) {
                return BigDecimal.valueOf(random.nextInt(20_001) - 1_000, random.nextInt(3));
            }
            return switch (random.nextInt(4)) {
                case 0 -> texts.get(random.nextInt(texts.size()));
                case 1 -> BigDecimal.valueOf(random.nextInt(1000), 2);
                case 2 -> random.nextBoolean();
                default -> LocalDate.of(2026, 1, 1);
            };
        }

        /** The value with one thing wrong, somewhere inside (or nothing wrong, now and then). */
        Object spoil(Object value, DMNType type, int depth) {
            int what = random.nextInt(8);
            if (value instanceof List<?> list && !list.isEmpty() && what < 4 && type.getBaseType() != null) {
                List<Object> copy = new ArrayList<>(list);
                int i = random.nextInt(copy.size());
                copy.set(i, spoil(copy.get(i), type.getBaseType(), depth + 1));
                return copy;
            }
            if (value instanceof Map<?, ?> map && !map.isEmpty() && what < 5) {
                Map<String, Object> copy = new HashMap<>();
                map.forEach((k, v) -> copy.put((String) k, v));
                List<String> keys = new ArrayList<>(copy.keySet());
                String key = keys.get(random.nextInt(keys.size()));
                switch (random.nextInt(4)) {
                    case 0 -> copy.remove(key);
                    case 1 -> copy.put("extra", BigDecimal.ONE);
                    default -> copy.put(key, spoil(copy.get(key), type.getFields().get(key), depth + 1));
                }
                return copy;
            }
            return switch (what) {
                case 0 -> null;
                case 1 -> texts.get(random.nextInt(texts.size()));
                case 2 -> BigDecimal.valueOf(random.nextInt(300) - 100, random.nextInt(3));
                case 3 -> List.of(value == null ? "x" : value); // a list of one where a value is expected
                case 4 -> Map.of("k", BigDecimal.ONE);
                case 5 -> random.nextBoolean();
                case 6 -> LocalDate.of(2026, 6, 30);
                default -> value;
            };
        }

        private static Type builtIn(DMNType type) {
            for (DMNType t = type; t != null; t = t.getBaseType()) {
                if (t instanceof BaseDMNTypeImpl base) {
                    Type feel = base.getFeelType();
                    if (feel instanceof AliasFEELType alias) {
                        return alias.getBuiltInType();
                    }
                    if (feel instanceof BuiltInType builtIn && builtIn != BuiltInType.UNKNOWN) {
                        return builtIn;
                    }
                }
            }
            return BuiltInType.UNKNOWN;
        }
    }
}
