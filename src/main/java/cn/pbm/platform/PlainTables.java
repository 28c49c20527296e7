package cn.pbm.platform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.ast.DecisionNode;
import org.kie.dmn.api.core.ast.InputDataNode;
import org.kie.dmn.model.api.DecisionRule;
import org.kie.dmn.model.api.DecisionTable;
import org.kie.dmn.model.api.HitPolicy;
import org.kie.dmn.model.api.InputClause;
import org.kie.dmn.model.api.LiteralExpression;
import org.kie.dmn.model.api.OutputClause;
import org.kie.dmn.model.api.UnaryTests;

import cn.pbm.api.model.TableMatch;

/**
 * The compiled fast path for a model made only of plain decision tables (issue 19): every decision is a
 * decision table whose input expressions name an input or an earlier decision (or one field of it), whose input
 * entries are unary tests of literals (a comparison, an interval, a list of literals, "-") and whose output
 * entries are literals; hit policy UNIQUE, FIRST or COLLECT without aggregation. The structure is built once,
 * at compile time, from KIE's own parsed {@link DMNModel} of the hashed bytes; the table stays the program.
 *
 * <p>An evaluation answers only the plain case: every value a test looks at is of the test's type (a number, a
 * text, a boolean) and within the column's allowed values, and the hit policy finds its answer (UNIQUE exactly
 * one row, FIRST and COLLECT at least one). Anything else (a null, a missing input, another type, no match, a
 * UNIQUE conflict) returns null and the caller asks the KIE engine, which then reports what it reports.
 * Numbers compare as FEEL compares them ({@link BigDecimal#compareTo}: 90 = 90.00); output literals are the
 * {@code BigDecimal}s FEEL makes of them. {@code PlainTablesDifferentialTest} proves the answers, their scales,
 * their order and the matched rows identical to KIE's over hundreds of thousands of inputs per table.
 */
final class PlainTables implements FastPath {

    private final Ruleset ruleset;
    private final List<Table> tables;
    private final List<String> inputNames;

    private PlainTables(Ruleset ruleset, List<Table> tables, List<String> inputNames) {
        this.ruleset = ruleset;
        this.tables = tables;
        this.inputNames = inputNames;
    }

    /** The fast path for {@code model}, or null when the model is not made only of plain decision tables. */
    static PlainTables of(DMNModel model, Ruleset ruleset) {
        if (!model.getBusinessKnowledgeModels().isEmpty() || !model.getDecisionServices().isEmpty()
                || model.getDecisions().isEmpty()) {
            return null;
        }
        Set<String> inputs = new LinkedHashSet<>();
        for (InputDataNode input : model.getInputs()) {
            inputs.add(input.getName());
        }
        Map<String, DecisionNode> decisions = new LinkedHashMap<>();
        for (DecisionNode node : model.getDecisions()) {
            decisions.put(node.getName(), node);
        }
        Map<String, Table> built = new LinkedHashMap<>();
        for (DecisionNode node : decisions.values()) {
            Table table = Table.of(node, inputs, decisions.keySet());
            if (table == null) {
                return null;
            }
            built.put(node.getName(), table);
        }
        // The order KIE's evaluateAll evaluates (and reports) them: each decision in the model's order, the
        // decisions it reads first.
        List<Table> ordered = new ArrayList<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String name : built.keySet()) {
            if (!order(name, built, ordered, visiting)) {
                return null;
            }
        }
        return new PlainTables(ruleset, List.copyOf(ordered), List.copyOf(inputs));
    }

    private static boolean order(String name, Map<String, Table> built, List<Table> ordered, Set<String> visiting) {
        Table table = built.get(name);
        if (ordered.contains(table)) {
            return true;
        }
        if (!visiting.add(name)) {
            return false; // a cycle: KIE reports it
        }
        for (Column column : table.columns) {
            if (built.containsKey(column.source) && !order(column.source, built, ordered, visiting)) {
                return false;
            }
        }
        ordered.add(table);
        return true;
    }

    /** The names of the decisions answered by this fast path, in evaluation order. */
    List<String> decisions() {
        return tables.stream().map(t -> t.name).toList();
    }

    /**
     * Every decision's result in KIE's order, with the matched rows added to {@code matches} (when not null);
     * null when this call is not a plain one (then nothing was added to {@code matches}).
     */
    @Override
    public Map<String, Object> evaluate(Map<String, Object> inputs, List<TableMatch> matches) {
        for (String name : inputNames) {
            if (!inputs.containsKey(name)) {
                return null;
            }
        }
        Map<String, Object> results = new LinkedHashMap<>();
        List<TableMatch> found = matches == null ? null : new ArrayList<>(tables.size());
        for (Table table : tables) {
            Object[] values = new Object[table.columns.length];
            for (int c = 0; c < values.length; c++) {
                Column column = table.columns[c];
                Object value = results.containsKey(column.source) ? results.get(column.source) : inputs.get(column.source);
                if (column.field != null) {
                    if (!(value instanceof Map<?, ?> map) || !map.containsKey(column.field)) {
                        return null;
                    }
                    value = map.get(column.field);
                }
                values[c] = value;
            }
            Object result = table.evaluate(values, found, ruleset);
            if (result == NO_ANSWER) {
                return null;
            }
            results.put(table.name, result);
        }
        if (matches != null) {
            matches.addAll(found);
        }
        return results;
    }

    static final Object NO_ANSWER = new Object();

    /**
     * One input column: the value it reads ({@code source}, or its {@code field}) and its allowed values;
     * {@code nullMisses}: a null value matches its "-" entries and no other (only {@link Table#ofAnyInputs}).
     */
    private record Column(String label, String source, String field, Test allowed, Class<?> kind, boolean nullMisses) {
    }

    static final class Table {
        final String name;
        final String label;
        final DecisionTable source;
        final HitPolicy hitPolicy;
        final Column[] columns;
        final Test[][] tests;
        final String[] outputNames;
        final Object[][] outputs;
        /** The output entries that are FEEL expressions (null where the entry is a literal); only {@link #ofAnyInputs}. */
        final String[][] expressions;
        final Test[] outputAllowed;
        /** Made by {@link #ofAnyInputs}: no input column, a COLLECT without a match, nulls in columns (see there). */
        final boolean anyInputs;

        private Table(String name, String label, DecisionTable source, Column[] columns, Test[][] tests,
                String[] outputNames, Object[][] outputs, String[][] expressions, Test[] outputAllowed,
                boolean anyInputs) {
            this.name = name;
            this.label = label;
            this.source = source;
            this.hitPolicy = source.getHitPolicy();
            this.columns = columns;
            this.tests = tests;
            this.outputNames = outputNames;
            this.outputs = outputs;
            this.expressions = expressions;
            this.outputAllowed = outputAllowed;
            this.anyInputs = anyInputs;
        }

        /** Whether an output entry is an expression, which the caller computes ({@link Outputs}). */
        boolean hasExpressions() {
            for (String[] row : expressions) {
                for (String e : row) {
                    if (e != null) {
                        return true;
                    }
                }
            }
            return false;
        }

        static Table of(DecisionNode node, Set<String> inputs, Set<String> decisions) {
            if (!(node.getDecision().getExpression() instanceof DecisionTable table)) {
                return null;
            }
            return of(node.getName(), node.getDecision().getLabel(), table, inputs, decisions, false);
        }

        /**
         * A plain table whose input expressions and output entries may be anything ({@link CompiledDecisions}
         * computes each column's value and passes them to {@link #evaluate}, and computes an output entry that is
         * not a literal through {@link Outputs}, for the rules KIE evaluates it for): the unary tests and hit
         * policy are plain. Three things KIE does that the plain tables leave to KIE are taken here too (issue 19,
         * the budget-adjustment model): a table without input columns (every rule matches); a COLLECT table without
         * a match (KIE's {@code HitPolicy.COLLECT} default value, {@code Collections.EMPTY_LIST}, reported with no
         * matched row); and a null value in a column without allowed values whose entries are all "-" or literals
         * (KIE's unary test of a literal is {@code BooleanEvalHelper.isEqual}, false for null against a value, so
         * the null matches the "-" entries only).
         */
        static Table ofAnyInputs(String name, String label, DecisionTable table) {
            return of(name, label, table, Set.of(), Set.of(), true);
        }

        private static Table of(String name, String label, DecisionTable table, Set<String> inputs,
                Set<String> decisions, boolean anyInputs) {
            HitPolicy policy = table.getHitPolicy();
            if (!(policy == HitPolicy.UNIQUE || policy == HitPolicy.FIRST
                    || (policy == HitPolicy.COLLECT && table.getAggregation() == null))) {
                return null;
            }
            if ((table.getInput().isEmpty() && !anyInputs) || table.getOutput().isEmpty() || table.getRule().isEmpty()) {
                return null;
            }
            Column[] columns = new Column[table.getInput().size()];
            for (int c = 0; c < columns.length; c++) {
                InputClause input = table.getInput().get(c);
                String expression = input.getInputExpression() == null ? null : input.getInputExpression().getText();
                if (expression == null) {
                    return null;
                }
                expression = expression.strip();
                String source = null;
                String field = null;
                if (!anyInputs) {
                    Matcher path = NAME_PATH.matcher(expression);
                    if (!path.matches()) {
                        return null;
                    }
                    source = path.group(1);
                    field = path.group(2);
                    if (field == null ? !(inputs.contains(source) || decisions.contains(source))
                            : !decisions.contains(source)) {
                        return null;
                    }
                }
                Test allowed = null;
                if (input.getInputValues() != null) {
                    allowed = Test.parse(input.getInputValues());
                    if (allowed == null) {
                        return null;
                    }
                }
                columns[c] = new Column(input.getLabel() != null ? input.getLabel() : input.getInputExpression().getText(),
                        source, field, allowed, null, false);
            }
            String[] outputNames = new String[table.getOutput().size()];
            List<Test> outputAllowed = new ArrayList<>();
            for (int o = 0; o < outputNames.length; o++) {
                OutputClause output = table.getOutput().get(o);
                outputNames[o] = output.getName();
                if (outputNames.length > 1 && outputNames[o] == null) {
                    return null;
                }
                Test allowed = null;
                if (output.getOutputValues() != null) {
                    allowed = Test.parse(output.getOutputValues());
                    if (allowed == null) {
                        return null;
                    }
                }
                outputAllowed.add(allowed);
            }
            Test[][] tests = new Test[table.getRule().size()][];
            Object[][] outputs = new Object[table.getRule().size()][];
            String[][] expressions = new String[table.getRule().size()][];
            for (int r = 0; r < tests.length; r++) {
                DecisionRule rule = table.getRule().get(r);
                if (rule.getInputEntry().size() != columns.length || rule.getOutputEntry().size() != outputNames.length) {
                    return null;
                }
                tests[r] = new Test[columns.length];
                for (int c = 0; c < columns.length; c++) {
                    tests[r][c] = Test.parse(rule.getInputEntry().get(c));
                    if (tests[r][c] == null) {
                        return null;
                    }
                }
                outputs[r] = new Object[outputNames.length];
                expressions[r] = new String[outputNames.length];
                for (int o = 0; o < outputNames.length; o++) {
                    LiteralExpression entry = rule.getOutputEntry().get(o);
                    Literal literal = Literal.parse(entry.getText());
                    if (literal == null && anyInputs && entry.getText() != null && !entry.getText().isBlank()) {
                        expressions[r][o] = entry.getText(); // the caller compiles it, or refuses the table
                        continue;
                    }
                    if (literal == null) {
                        return null;
                    }
                    Test allowed = outputAllowed.get(o);
                    if (allowed != null && literal.value() != null && allowed.matches(literal.value()) != Boolean.TRUE) {
                        return null; // KIE reports an output outside the allowed values
                    }
                    outputs[r][o] = literal.value();
                }
            }
            // Each column tests one kind of value (numbers, texts or booleans), so a value of that kind is decided by
            // every row and a value of any other kind goes to KIE before any row is tried.
            for (int c = 0; c < columns.length; c++) {
                Class<?> kind = columns[c].allowed == null ? null : columns[c].allowed.kind();
                boolean literals = anyInputs && columns[c].allowed == null;
                for (Test[] row : tests) {
                    Class<?> k = row[c].kind();
                    if (k == Object.class || (k != null && kind != null && k != kind)) {
                        return null;
                    }
                    kind = kind == null ? k : kind;
                    literals &= row[c].literalsOnly();
                }
                columns[c] = new Column(columns[c].label, columns[c].source, columns[c].field, columns[c].allowed, kind,
                        literals);
            }
            return new Table(name, label, table, columns, tests, outputNames, outputs, expressions,
                    outputAllowed.toArray(Test[]::new), anyInputs);
        }

        /** The value of an output entry that is an expression, for the rule {@code row} (0-based) and output {@code o}. */
        @FunctionalInterface
        interface Outputs {
            Object value(int row, int o);
        }

        /** The result, or NO_ANSWER when this evaluation is not plain. */
        Object evaluate(Object[] values, List<TableMatch> found, Ruleset ruleset) {
            return evaluate(values, found, ruleset, null);
        }

        /**
         * As above; {@code computed} gives the output entries that are expressions. As KIE's DecisionTableImpl, they
         * are evaluated for every matched rule (FIRST: the first only), before the table's match is reported; a
         * value outside the output's allowed values is not plain.
         */
        Object evaluate(Object[] values, List<TableMatch> found, Ruleset ruleset, Outputs computed) {
            for (int c = 0; c < columns.length; c++) {
                Object value = values[c] = Literal.comparable(values[c]);
                if (value == UNCOMPARABLE) {
                    return NO_ANSWER;
                }
                Class<?> kind = columns[c].kind;
                if (value == null && columns[c].nullMisses) {
                    continue; // matches the column's "-" entries only (no allowed values to check)
                }
                if (kind != null && (value == null
                        || (value instanceof Shown ? BigDecimal.class : value.getClass()) != kind)) {
                    return NO_ANSWER; // a null, or a value of another kind than the column's tests: KIE decides
                }
                if (columns[c].allowed != null && columns[c].allowed.matches(value) != Boolean.TRUE) {
                    return NO_ANSWER;
                }
            }
            List<Integer> matched = new ArrayList<>(2);
            for (int r = 0; r < tests.length; r++) {
                boolean all = true;
                for (int c = 0; c < columns.length && all; c++) {
                    Boolean hit = values[c] == null && columns[c].nullMisses ? tests[r][c].elements.length == 0
                            : tests[r][c].matches(values[c]);
                    if (hit == null) {
                        return NO_ANSWER; // a value of another type than the test: KIE decides
                    }
                    all = hit;
                }
                if (all) {
                    matched.add(r + 1);
                }
            }
            if (matched.isEmpty() && anyInputs && hitPolicy == HitPolicy.COLLECT) {
                if (found != null) { // KIE reports the table with no matched row
                    found.add(TableExplainer.match(ruleset, name, label, source, matched, matched, inputValues(values)));
                }
                return java.util.Collections.EMPTY_LIST; // HitPolicy.COLLECT's default value, the very object
            }
            if (matched.isEmpty() || (hitPolicy == HitPolicy.UNIQUE && matched.size() > 1)) {
                return NO_ANSWER;
            }
            List<Integer> selected = hitPolicy == HitPolicy.COLLECT ? matched : List.of(matched.get(0));
            Object result;
            if (hitPolicy == HitPolicy.COLLECT) {
                List<Object> all = new ArrayList<>(selected.size());
                for (int row : selected) {
                    Object one = output(row, computed);
                    if (one == NO_ANSWER) {
                        return NO_ANSWER;
                    }
                    all.add(one);
                }
                result = all;
            } else {
                result = output(selected.get(0), computed);
                if (result == NO_ANSWER) {
                    return NO_ANSWER;
                }
            }
            if (found != null) {
                found.add(TableExplainer.match(ruleset, name, label, source, matched, selected,
                        inputValues(values)));
            }
            return result;
        }

        private Map<String, Object> inputValues(Object[] values) {
            Map<String, Object> shown = new LinkedHashMap<>();
            for (int c = 0; c < columns.length; c++) {
                shown.put(columns[c].label, values[c] instanceof Shown s ? s.original : values[c]);
            }
            return shown;
        }

        private Object output(int row, Outputs computed) {
            Object[] values = outputs[row - 1];
            String[] texts = expressions[row - 1];
            if (values.length == 1) {
                return texts[0] == null ? values[0] : computed(row, 0, computed);
            }
            Map<String, Object> context = new HashMap<>(); // as KIE's hitToOutput
            for (int o = 0; o < values.length; o++) {
                Object value = texts[o] == null ? values[o] : computed(row, o, computed);
                if (value == NO_ANSWER) {
                    return NO_ANSWER;
                }
                context.put(outputNames[o], value);
            }
            return context;
        }

        private Object computed(int row, int o, Outputs computed) {
            if (computed == null) {
                return NO_ANSWER;
            }
            Object value = computed.value(row - 1, o);
            Object comparable = Literal.comparable(value);
            if (outputAllowed[o] != null && (comparable == UNCOMPARABLE || outputAllowed[o].matches(comparable) != Boolean.TRUE)) {
                return NO_ANSWER; // KIE reports an output outside the allowed values
            }
            return value;
        }
    }

    private static final Pattern NAME_PATH = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\.([A-Za-z_][A-Za-z0-9_]*))?");

    private static final Object UNCOMPARABLE = new Object();

    /** A number the caller gave as an integer: compared as a BigDecimal, shown as given. */
    private record Shown(BigDecimal number, Object original) {
    }

    /** A literal of a unary test or an output entry: a number, a text, a boolean or null. */
    private record Literal(Object value) {

        private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
        private static final Pattern TEXT = Pattern.compile("\"([^\"\\\\]*)\"");

        static Literal parse(String text) {
            if (text == null) {
                return null;
            }
            String t = text.strip();
            if (NUMBER.matcher(t).matches()) {
                return new Literal(new BigDecimal(t, java.math.MathContext.DECIMAL128));
            }
            Matcher m = TEXT.matcher(t);
            if (m.matches()) {
                return new Literal(m.group(1));
            }
            return switch (t) {
                case "true" -> new Literal(Boolean.TRUE);
                case "false" -> new Literal(Boolean.FALSE);
                case "null" -> new Literal(null);
                default -> null;
            };
        }

        /** The value as a test compares it, or UNCOMPARABLE for a type no plain test reads. */
        static Object comparable(Object value) {
            if (value == null || value instanceof BigDecimal || value instanceof String || value instanceof Boolean) {
                return value;
            }
            if (value instanceof Integer || value instanceof Long) {
                return new Shown(BigDecimal.valueOf(((Number) value).longValue()), value);
            }
            return UNCOMPARABLE;
        }
    }

    /**
     * A unary test of literals: "-", or a list of comparisons, intervals and literals. {@link #matches} is null
     * when the value is of another type than an element of the list (or null, unless the test is "-").
     */
    private static final class Test {
        private final Element[] elements; // empty: "-"

        private Test(Element[] elements) {
            this.elements = elements;
        }

        static Test parse(UnaryTests tests) {
            return parse(tests.getText());
        }

        static Test parse(String text) {
            if (text == null) {
                return null;
            }
            String t = text.strip();
            if (t.equals("-")) {
                return new Test(new Element[0]);
            }
            List<Element> elements = new ArrayList<>();
            for (String part : split(t)) {
                Element element = Element.parse(part.strip());
                if (element == null) {
                    return null;
                }
                elements.add(element);
            }
            return elements.isEmpty() ? null : new Test(elements.toArray(Element[]::new));
        }

        /** Whether the test is "-" or a list of literals (equality only: no comparison, no interval). */
        boolean literalsOnly() {
            for (Element element : elements) {
                if (element.equal == null) {
                    return false;
                }
            }
            return true;
        }

        /** The one kind of value the test compares with (null for "-"; Object.class if mixed). */
        Class<?> kind() {
            Class<?> kind = null;
            for (Element element : elements) {
                Class<?> k = element.equal != null ? element.equal.getClass() : BigDecimal.class;
                if (kind != null && kind != k) {
                    return Object.class;
                }
                kind = k;
            }
            return kind;
        }

        Boolean matches(Object value) {
            if (elements.length == 0) {
                return Boolean.TRUE;
            }
            if (value == null) {
                return null;
            }
            Object v = value instanceof Shown s ? s.number : value;
            for (Element element : elements) {
                Boolean hit = element.matches(v);
                if (hit == null) {
                    return null;
                }
                if (hit) {
                    return Boolean.TRUE;
                }
            }
            return Boolean.FALSE;
        }

        /** Splits at the commas outside quotes; null if a quote is not closed. */
        private static List<String> split(String text) {
            List<String> parts = new ArrayList<>();
            boolean quoted = false;
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch == '"') {
                    quoted = !quoted;
                } else if (ch == ',' && !quoted) {
                    parts.add(text.substring(start, i));
                    start = i + 1;
                }
            }
            parts.add(text.substring(start));
            return quoted ? List.of("\"") : parts;
        }
    }

    /** One element of a unary test: a literal (equality), a comparison with a number, or an interval of numbers. */
    private record Element(Object equal, String operator, BigDecimal low, boolean lowOpen, BigDecimal high,
            boolean highOpen) {

        private static final Pattern COMPARISON = Pattern.compile("(<=|>=|<|>)\\s*(-?[0-9]+(?:\\.[0-9]+)?)");
        private static final Pattern INTERVAL = Pattern.compile(
                "([\\[\\](])\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*\\.\\.\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*([\\])\\[])");

        static Element parse(String text) {
            Matcher comparison = COMPARISON.matcher(text);
            if (comparison.matches()) {
                return new Element(null, comparison.group(1), number(comparison.group(2)), false, null, false);
            }
            Matcher interval = INTERVAL.matcher(text);
            if (interval.matches()) {
                return new Element(null, "..", number(interval.group(2)), !interval.group(1).equals("["),
                        number(interval.group(3)), !interval.group(4).equals("]"));
            }
            Literal literal = Literal.parse(text);
            if (literal == null || literal.value() == null) {
                return null;
            }
            return new Element(literal.value(), null, null, false, null, false);
        }

        private static BigDecimal number(String text) {
            return new BigDecimal(text, java.math.MathContext.DECIMAL128);
        }

        Boolean matches(Object value) {
            if (equal != null) {
                if (equal instanceof BigDecimal n) {
                    return value instanceof BigDecimal v ? n.compareTo(v) == 0 : null;
                }
                return equal.getClass() == value.getClass() ? equal.equals(value) : null;
            }
            if (!(value instanceof BigDecimal v)) {
                return null;
            }
            if (operator.equals("..")) {
                int lo = v.compareTo(low);
                int hi = v.compareTo(high);
                return (lowOpen ? lo > 0 : lo >= 0) && (highOpen ? hi < 0 : hi <= 0);
            }
            int cmp = v.compareTo(low);
            return switch (operator) {
                case "<" -> cmp < 0;
                case "<=" -> cmp <= 0;
                case ">" -> cmp > 0;
                default -> cmp >= 0;
            };
        }
    }
}
