package cn.pbm.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.kie.dmn.api.core.DMNType;
import org.kie.dmn.api.core.ast.InputDataNode;

/**
 * Issue 19: {@link InputTypeCheck} never says "assignable" where KIE's own {@link DMNType#isAssignableValue} says
 * not. For every input of every deployed model, values built from the input's own type by {@link TypeDrivenInputs}
 * (the compiled-decisions differential's generator: the model's literals and allowed values, unknown codes, nulls,
 * missing fields, other types), half of them then spoiled further (a missing field, an extra key, a value of another
 * kind, a single value where a list is expected, a list of one where a value is expected). Each is checked by both; the
 * cheaper check must also be sure of nine in ten of the null-free values KIE takes for the models the compiled path
 * takes, or it saves nothing.
 */
class InputTypeCheckTest {

    private static final int PER_INPUT = Integer.getInteger("pbm-test.input-type.count", 4_000);

    @Test
    void neverAssignableWhereKieSaysNot() {
        int compared = 0;
        int certain = 0;
        int kieYes = 0;
        Map<String, int[]> compiledInputs = new LinkedHashMap<>();
        for (Map.Entry<String, FastPathDifferential.Loaded> entry : FastPathDifferential.deployedModels().entrySet()) {
            String path = entry.getKey();
            FastPathDifferential.Loaded m = entry.getValue();
            byte[] xml = m.ruleset().files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow()
                    .content();
            TypeDrivenInputs typed = new TypeDrivenInputs(m.model(), xml); // the differential's own generator
            boolean compiled = FastPath.of(m.model(), m.ruleset()) instanceof CompiledDecisions;
            Random random = new Random(20261202L ^ path.hashCode());
            Spoiler spoiler = new Spoiler(random);
            List<Map<String, Object>> samples = new ArrayList<>(PER_INPUT);
            for (int i = 0; i < PER_INPUT; i++) {
                samples.add(typed.random(random));
            }
            for (InputDataNode input : m.model().getInputs()) {
                DMNType type = input.getType();
                InputTypeCheck.Check check = InputTypeCheck.of(type);
                if (check == null) {
                    continue; // KIE's own check only
                }
                int[] counts = new int[2];
                for (int i = 0; i < PER_INPUT; i++) {
                    Object value = samples.get(i).get(input.getName());
                    boolean valid = i % 2 == 0;
                    if (!valid) {
                        value = spoiler.spoil(value, type);
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
                    if (valid && kie && !holdsNull(value)) { // a plain value KIE takes: the check should be sure
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

    /** Whether a null is anywhere inside (KIE takes a null field; the cheap check leaves it to KIE). */
    private static boolean holdsNull(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(InputTypeCheckTest::holdsNull);
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(InputTypeCheckTest::holdsNull);
        }
        return false;
    }

    /** Values with one thing wrong somewhere inside, of kinds the generator does not make (or nothing wrong). */
    private record Spoiler(Random random) {

        Object spoil(Object value, DMNType type) {
            int what = random.nextInt(8);
            if (value instanceof List<?> list && !list.isEmpty() && what < 4 && type.getBaseType() != null) {
                List<Object> copy = new ArrayList<>(list);
                int i = random.nextInt(copy.size());
                copy.set(i, spoil(copy.get(i), type.getBaseType()));
                return copy;
            }
            if (value instanceof Map<?, ?> map && !map.isEmpty() && what < 5) {
                Map<String, Object> copy = new HashMap<>();
                map.forEach((k, v) -> copy.put((String) k, v));
                List<String> keys = new ArrayList<>(copy.keySet());
                String key = keys.get(random.nextInt(keys.size()));
                DMNType field = type.getFields().get(key);
                switch (random.nextInt(4)) {
                    case 0 -> copy.remove(key);
                    case 1 -> copy.put("extra", BigDecimal.ONE); // a key the type does not name
                    default -> copy.put(key, field == null ? null : spoil(copy.get(key), field));
                }
                return copy;
            }
            return switch (what) {
                case 0 -> null;
                case 1 -> "不在允许值内";
                case 2 -> BigDecimal.valueOf(random.nextInt(300) - 100, random.nextInt(3));
                case 3 -> List.of(value == null ? "x" : value); // a list of one where a value is expected
                case 4 -> Map.of("k", BigDecimal.ONE);
                case 5 -> random.nextBoolean();
                case 6 -> LocalDate.of(2026, 6, 30);
                default -> value;
            };
        }
    }
}
