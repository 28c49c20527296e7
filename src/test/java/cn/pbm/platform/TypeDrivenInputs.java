package cn.pbm.platform;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNType;
import org.kie.dmn.api.core.ast.InputDataNode;
import org.kie.dmn.core.impl.BaseDMNTypeImpl;
import org.kie.dmn.feel.lang.Type;
import org.kie.dmn.feel.lang.types.BuiltInType;

/**
 * Random and edge inputs for any DMN model, built from the model's own input types (KIE's {@link DMNType}) and the
 * literals its tables and expressions contain, so that a differential test needs no generator per model (issue 19).
 *
 * <ul>
 * <li>a number: a literal number of the model (each one exactly, −0.01 and +0.01: the band edges), or a random
 * decimal at 0 to 2 decimals from 0.01 to about ten million, sometimes negative;</li>
 * <li>a text: a text literal the model compares with (not an output entry's) that the type accepts (its allowed
 * values), sometimes an unknown text;</li>
 * <li>a boolean; a date (the model's date literals and a day either side, or a random day of 1990–2040);</li>
 * <li>a composite: each field by its type, a field sometimes missing; a collection: 0 to 5 elements;</li>
 * <li>any value sometimes null or of another type (a text for a number, a Long, an Integer, a number for a text, a
 * text for a boolean or a date), and an input sometimes missing.</li>
 * </ul>
 *
 * {@link #edges} is the product of every input's edge values (each literal and ±0.01, each text and an unknown one,
 * true and false, the date literals and ±1 day, null), sampled when larger than asked, and each input missing once.
 */
final class TypeDrivenInputs {

    private static final Pattern TEXT_ELEMENT = Pattern.compile("<(?:[a-zA-Z]+:)?text>(.*?)</(?:[a-zA-Z]+:)?text>",
            Pattern.DOTALL);
    private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern DATE = Pattern.compile("date\\(\\s*\"(\\d{4}-\\d{2}-\\d{2})\"\\s*\\)");
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z_0-9.%])-?[0-9]+(?:\\.[0-9]+)?(?![A-Za-z_0-9])");
    private static final String UNKNOWN = "UNKNOWN_CODE";
    private static final Pattern INPUT_CLAUSE = Pattern.compile(
            "<(?:[a-zA-Z]+:)?inputExpression[^>]*>\\s*<(?:[a-zA-Z]+:)?text>(.*?)</(?:[a-zA-Z]+:)?text>\\s*"
                    + "</(?:[a-zA-Z]+:)?inputExpression>\\s*<(?:[a-zA-Z]+:)?inputValues[^>]*>\\s*"
                    + "<(?:[a-zA-Z]+:)?text>(.*?)</(?:[a-zA-Z]+:)?text>", Pattern.DOTALL);

    private final List<InputDataNode> inputs;
    private final List<BigDecimal> numbers;
    private final List<String> texts;
    private final List<LocalDate> dates;
    /** The texts of the allowed values of a table column whose input expression reads the input, by input name. */
    private final Map<String, List<String>> columnTexts = new HashMap<>();

    TypeDrivenInputs(DMNModel model, byte[] xml) {
        this.inputs = List.copyOf(model.getInputs());
        String text = new String(xml, StandardCharsets.UTF_8)
                .replaceAll("(?s)<annotationEntry>.*?</annotationEntry>", "")
                .replaceAll("(?s)<description>.*?</description>", "")
                .replaceAll("(?s)<dmndi:DMNDI>.*", "");
        // the texts an input is compared with: not those of output entries and output values (results, not inputs)
        String tested = text.replaceAll("(?s)<outputEntry[^>]*>.*?</outputEntry>", "")
                .replaceAll("(?s)<outputValues[^>]*>.*?</outputValues>", "");
        Set<BigDecimal> numbers = new LinkedHashSet<>();
        Set<String> texts = new LinkedHashSet<>();
        Set<LocalDate> dates = new LinkedHashSet<>();
        Matcher element = TEXT_ELEMENT.matcher(text);
        while (element.find()) {
            String feel = element.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                    .replace("&amp;", "&");
            Matcher date = DATE.matcher(feel);
            while (date.find()) {
                LocalDate d = LocalDate.parse(date.group(1));
                dates.add(d.minusDays(1));
                dates.add(d);
                dates.add(d.plusDays(1));
            }
            Matcher number = NUMBER.matcher(STRING.matcher(feel).replaceAll("\"\""));
            while (number.find()) {
                BigDecimal n = new BigDecimal(number.group());
                numbers.add(n.subtract(new BigDecimal("0.01")));
                numbers.add(n);
                numbers.add(n.add(new BigDecimal("0.01")));
            }
        }
        Matcher testedElement = TEXT_ELEMENT.matcher(tested);
        while (testedElement.find()) {
            Matcher string = STRING.matcher(testedElement.group(1).replace("&quot;", "\""));
            while (string.find()) {
                if (!DATE.matcher("date(\"" + string.group(1) + "\")").find()) {
                    texts.add(string.group(1));
                }
            }
        }
        // a text input read by a column with allowed values (evaluationGrade in "if evaluationGrade = null then …
        // else evaluationGrade"): mostly those values, or nearly every call is one KIE rejects
        Matcher clause = INPUT_CLAUSE.matcher(text);
        while (clause.find()) {
            String expression = clause.group(1).replace("&quot;", "\"");
            List<String> allowed = new ArrayList<>();
            Matcher string = STRING.matcher(clause.group(2).replace("&quot;", "\""));
            while (string.find()) {
                allowed.add(string.group(1));
            }
            for (InputDataNode input : inputs) {
                if (!allowed.isEmpty() && Pattern.compile("(?<![A-Za-z_0-9.])" + Pattern.quote(input.getName())
                        + "(?![A-Za-z_0-9])").matcher(expression).find()) {
                    columnTexts.computeIfAbsent(input.getName(), k -> new ArrayList<>()).addAll(allowed);
                }
            }
        }
        this.numbers = List.copyOf(numbers);
        this.texts = List.copyOf(texts);
        this.dates = List.copyOf(dates);
    }

    /** One input for every input of the model, some of them not plain. */
    Map<String, Object> random(Random random) {
        Map<String, Object> values = new HashMap<>();
        for (InputDataNode input : inputs) {
            if (random.nextInt(200) == 0) {
                continue; // missing
            }
            Object value = value(input.getType(), random, 0);
            List<String> column = columnTexts.get(input.getName());
            if (value instanceof String && column != null && random.nextInt(5) != 0) {
                value = column.get(random.nextInt(column.size()));
            }
            values.put(input.getName(), value);
        }
        return values;
    }

    /**
     * The product of every input's edge values, or {@code max} of its elements drawn at random when it is larger;
     * then each input missing once.
     */
    List<Map<String, Object>> edges(Random random, int max) {
        List<List<Object>> candidates = new ArrayList<>();
        long product = 1;
        for (InputDataNode input : inputs) {
            List<Object> edge = edgeValues(input.getType(), random);
            candidates.add(edge);
            product = Math.min(product * edge.size(), Long.MAX_VALUE / 1024);
        }
        List<Map<String, Object>> all = new ArrayList<>();
        if (product <= max) {
            for (long i = 0; i < product; i++) {
                long rest = i;
                Map<String, Object> values = new HashMap<>();
                for (int c = 0; c < inputs.size(); c++) {
                    List<Object> edge = candidates.get(c);
                    values.put(inputs.get(c).getName(), edge.get((int) (rest % edge.size())));
                    rest /= edge.size();
                }
                all.add(values);
            }
        } else {
            for (int i = 0; i < max; i++) {
                Map<String, Object> values = new HashMap<>();
                for (int c = 0; c < inputs.size(); c++) {
                    List<Object> edge = candidates.get(c);
                    values.put(inputs.get(c).getName(), edge.get(random.nextInt(edge.size())));
                }
                all.add(values);
            }
        }
        for (InputDataNode input : inputs) {
            Map<String, Object> values = random(random);
            values.remove(input.getName());
            all.add(values);
        }
        return all;
    }

    private enum Kind {
        NUMBER, STRING, BOOLEAN, DATE, COMPOSITE, ANY
    }

    private static Kind kind(DMNType type) {
        if (type == null) {
            return Kind.ANY;
        }
        if (!type.getFields().isEmpty()) {
            return Kind.COMPOSITE;
        }
        for (DMNType t = type; t != null; t = t.getBaseType()) {
            Type feel = t instanceof BaseDMNTypeImpl base ? base.getFeelType() : null;
            if (feel == BuiltInType.NUMBER) {
                return Kind.NUMBER;
            }
            if (feel == BuiltInType.STRING) {
                return Kind.STRING;
            }
            if (feel == BuiltInType.BOOLEAN) {
                return Kind.BOOLEAN;
            }
            if (feel == BuiltInType.DATE) {
                return Kind.DATE;
            }
        }
        return Kind.ANY;
    }

    private Object value(DMNType type, Random random, int depth) {
        if (type != null && type.isCollection() && depth < 3) {
            int n = random.nextInt(6);
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(element(type, random, depth + 1));
            }
            return random.nextInt(100) == 0 ? null : list;
        }
        return element(type, random, depth);
    }

    /** A value of the type, the collection flag of {@code type} itself left aside. */
    private Object element(DMNType type, Random random, int depth) {
        Kind kind = kind(type);
        if (kind == Kind.COMPOSITE) {
            if (random.nextInt(100) == 0) {
                return null;
            }
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, DMNType> field : type.getFields().entrySet()) {
                if (random.nextInt(100) != 0) {
                    map.put(field.getKey(), value(field.getValue(), random, depth + 1));
                }
            }
            return map;
        }
        if (kind == Kind.ANY && type != null && type.getBaseType() != null && type.getBaseType() != type) {
            return element(type.getBaseType(), random, depth);
        }
        int odd = random.nextInt(100);
        if (odd < (kind == Kind.STRING || kind == Kind.DATE ? 6 : 2)) {
            return null;
        }
        if (odd < (kind == Kind.STRING || kind == Kind.DATE ? 8 : 4)) {
            return otherType(kind, random);
        }
        return switch (kind) {
            case NUMBER -> number(random);
            case STRING -> text(type, random);
            case BOOLEAN -> random.nextBoolean();
            case DATE -> date(random);
            default -> switch (random.nextInt(4)) {
                case 0 -> number(random);
                case 1 -> texts.isEmpty() ? UNKNOWN : texts.get(random.nextInt(texts.size()));
                case 2 -> random.nextBoolean();
                default -> date(random);
            };
        };
    }

    private static Object otherType(Kind kind, Random random) {
        return switch (kind) {
            case NUMBER -> switch (random.nextInt(3)) {
                case 0 -> "12";
                case 1 -> (long) random.nextInt(1000);
                default -> random.nextInt(1000);
            };
            case STRING -> BigDecimal.ONE;
            case BOOLEAN -> "true";
            case DATE -> "2024-01-01";
            default -> List.of();
        };
    }

    private BigDecimal number(Random random) {
        if (!numbers.isEmpty() && random.nextInt(5) < 2) {
            BigDecimal n = numbers.get(random.nextInt(numbers.size()));
            return random.nextInt(4) == 0 ? n.setScale(n.scale() + 1 + random.nextInt(2)) : n;
        }
        long cents = 1 + (long) Math.pow(10, random.nextDouble() * 9);
        BigDecimal n = BigDecimal.valueOf(cents, 2).setScale(random.nextInt(3), RoundingMode.HALF_UP);
        return random.nextInt(20) == 0 ? n.negate() : n;
    }

    private String text(DMNType type, Random random) {
        List<String> accepted = accepted(type);
        if (accepted.isEmpty() || random.nextInt(25) == 0) {
            return UNKNOWN;
        }
        return accepted.get(random.nextInt(accepted.size()));
    }

    /** The model's text literals the type accepts (its allowed values). */
    private List<String> accepted(DMNType type) {
        List<String> accepted = new ArrayList<>();
        for (String t : texts) {
            if (type == null || type.isAssignableValue(type.isCollection() ? List.of(t) : t)) {
                accepted.add(t);
            }
        }
        return accepted;
    }

    private LocalDate date(Random random) {
        if (!dates.isEmpty() && random.nextBoolean()) {
            return dates.get(random.nextInt(dates.size()));
        }
        return LocalDate.of(1990, 1, 1).plusDays(random.nextInt(365 * 50));
    }

    private List<Object> edgeValues(DMNType type, Random random) {
        List<Object> edge = new ArrayList<>();
        if (type != null && type.isCollection()) {
            edge.add(List.of());
            for (int i = 0; i < 3; i++) {
                edge.add(value(type, random, 0));
            }
            edge.add(null);
            return edge;
        }
        switch (kind(type)) {
            case NUMBER -> {
                edge.addAll(numbers);
                edge.add(number(random));
            }
            case STRING -> {
                edge.addAll(accepted(type));
                edge.add(UNKNOWN);
            }
            case BOOLEAN -> {
                edge.add(true);
                edge.add(false);
            }
            case DATE -> {
                edge.addAll(dates);
                edge.add(date(random));
            }
            default -> {
                for (int i = 0; i < 3; i++) {
                    edge.add(element(type, random, 0));
                }
            }
        }
        edge.add(null);
        return edge;
    }
}
