package cn.pbm.platform;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNType;
import org.kie.dmn.api.core.ast.BusinessKnowledgeModelNode;
import org.kie.dmn.api.core.ast.DecisionNode;
import org.kie.dmn.api.core.ast.InputDataNode;
import org.kie.dmn.api.feel.runtime.events.FEELEvent;
import org.kie.dmn.feel.FEEL;
import org.kie.dmn.feel.codegen.feel11.ProcessedExpression;
import org.kie.dmn.feel.lang.CompiledExpression;
import org.kie.dmn.feel.lang.CompilerContext;
import org.kie.dmn.feel.lang.ast.ASTNode;
import org.kie.dmn.feel.lang.ast.BooleanNode;
import org.kie.dmn.feel.lang.ast.ContextEntryNode;
import org.kie.dmn.feel.lang.ast.ContextNode;
import org.kie.dmn.feel.lang.ast.FilterExpressionNode;
import org.kie.dmn.feel.lang.ast.FormalParameterNode;
import org.kie.dmn.feel.lang.ast.FunctionDefNode;
import org.kie.dmn.feel.lang.ast.PathExpressionNode;
import org.kie.dmn.feel.lang.ast.ForExpressionNode;
import org.kie.dmn.feel.lang.ast.FunctionInvocationNode;
import org.kie.dmn.feel.lang.ast.IfExpressionNode;
import org.kie.dmn.feel.lang.ast.InfixOpNode;
import org.kie.dmn.feel.lang.ast.IterationContextNode;
import org.kie.dmn.feel.lang.ast.ListNode;
import org.kie.dmn.feel.lang.ast.NameDefNode;
import org.kie.dmn.feel.lang.ast.NameRefNode;
import org.kie.dmn.feel.lang.ast.NullNode;
import org.kie.dmn.feel.lang.ast.NumberNode;
import org.kie.dmn.feel.lang.ast.QualifiedNameNode;
import org.kie.dmn.feel.lang.ast.QuantifiedExpressionNode;
import org.kie.dmn.feel.lang.ast.StringNode;
import org.kie.dmn.feel.lang.types.BuiltInType;
import org.kie.dmn.feel.lang.ast.InfixOperator;
import org.kie.dmn.feel.runtime.functions.AbsFunction;
import org.kie.dmn.feel.runtime.functions.ContainsFunction;
import org.kie.dmn.feel.runtime.functions.CountFunction;
import org.kie.dmn.feel.runtime.functions.FlattenFunction;
import org.kie.dmn.feel.runtime.functions.GetValueFunction;
import org.kie.dmn.feel.runtime.functions.IndexOfFunction;
import org.kie.dmn.feel.runtime.functions.SubstringAfterFunction;
import org.kie.dmn.feel.runtime.functions.SubstringBeforeFunction;
import org.kie.dmn.feel.runtime.functions.DateFunction;
import org.kie.dmn.feel.runtime.functions.DayOfYearFunction;
import org.kie.dmn.feel.runtime.functions.ListContainsFunction;
import org.kie.dmn.feel.runtime.functions.ModuloFunction;
import org.kie.dmn.feel.runtime.functions.NotFunction;
import org.kie.dmn.feel.runtime.functions.RoundHalfUpFunction;
import org.kie.dmn.feel.runtime.functions.SumFunction;
import org.kie.dmn.model.api.BusinessKnowledgeModel;
import org.kie.dmn.model.api.Context;
import org.kie.dmn.model.api.ContextEntry;
import org.kie.dmn.model.api.DecisionTable;
import org.kie.dmn.model.api.Expression;
import org.kie.dmn.model.api.InformationItem;
import org.kie.dmn.model.api.InputClause;
import org.kie.dmn.model.api.LiteralExpression;

import cn.pbm.api.model.TableMatch;

/**
 * The compiled fast path for a model of decision tables, literal expressions and table BKMs (issue 19, beyond
 * {@link PlainTables}): every decision is a literal expression or a plain decision table (unary tests of literals;
 * UNIQUE, FIRST or COLLECT) whose input expressions and output entries may be expressions (an output entry is
 * evaluated for the rules KIE's DecisionTableImpl evaluates it for), every BKM's body is such a table, and every
 * expression is in a small FEEL subset: number, string and boolean literals; names and paths ({@code t.direction},
 * {@code asOf.year}); {@code + - * /} with FEEL's number semantics ({@code BigDecimal} with
 * {@link MathContext#DECIMAL128}, as KIE's infix executors); {@code = != < <= > >=} (dates compare too);
 * {@code x = null} and {@code x != null} of a name or path; {@code and}, {@code or}; {@code if then else};
 * {@code for x in list return e}; {@code some/every x in list satisfies e}; the built-ins {@code day of year},
 * {@code modulo} and {@code abs} (KIE's own function objects) and {@code date("…")} of a text literal (a constant);
 * and a BKM invoked by name with positional arguments. Since the budget-adjustment and target-review models: tables
 * without input columns and COLLECT tables without a match; a decision that is a boxed context (named entries, a
 * result entry); the {@code null} literal; list and context literals; filters (a boolean condition with
 * {@code item}, or an index); paths on lists; a {@code for} over a range; {@code text + text}; {@code = !=} with a
 * null on either side; {@code count}, {@code sum}, {@code not}, {@code list contains}, {@code round half up},
 * {@code get value}, {@code index of}, {@code flatten}, {@code substring before/after}, {@code contains} (KIE's own
 * function objects) and {@code sort} with a function literal; KIE's "a = [a]" coercion of one-element lists
 * (docs/compiled-evaluation.md lists each with the KIE class it follows). The expressions are parsed once by KIE's own FEEL parser (its AST) from KIE's parsed {@link DMNModel} of
 * the hashed bytes, and turned into Java closures; the tables stay the program ({@link PlainTables.Table} evaluates
 * them, and makes the matched rows with {@link TableExplainer#match} as KIE's listener does).
 *
 * <p>An evaluation answers only the plain case: every input is present; every value read is not null (a null input
 * is read only by {@code = null}, {@code != null}, a table column of literals, or kept in a list or context) and of a plain type
 * (a {@code BigDecimal}, text, boolean, date, list or context), every input fits its type (KIE's own
 * {@link DMNType#isAssignableValue}, allowed values included, asked at the leaves by {@link InputTypeCheck}), every operation is defined for its operands (no
 * division by zero, no comparison of different types), every table finds its answer. Anything else returns null and
 * the engine asks KIE, which then decides and reports as before. {@code CompiledDecisionsDifferentialTest} proves the
 * answers, their scales, their order and the matched rows identical to KIE's.
 */
final class CompiledDecisions implements FastPath {

    private final Ruleset ruleset;
    private final String[] inputNames;
    private final DMNType[] inputTypes; // null where the type has nothing to check beyond what the expressions do
    /** KIE's check of each input's type taken once through the type's structure (null: only KIE's own check). */
    private final InputTypeCheck.Check[] inputChecks;
    private final Step[] steps;
    private final int slots;
    /** The decisions in the order KIE's DMNResult reports them, and their slots. */
    private final String[] reported;
    private final int[] reportedSlots;

    private CompiledDecisions(Ruleset ruleset, String[] inputNames, DMNType[] inputTypes, Step[] steps, int slots,
            String[] reported, int[] reportedSlots) {
        this.ruleset = ruleset;
        this.inputNames = inputNames;
        this.inputTypes = inputTypes;
        this.inputChecks = new InputTypeCheck.Check[inputTypes.length];
        for (int i = 0; i < inputTypes.length; i++) {
            inputChecks[i] = inputTypes[i] == null ? null : InputTypeCheck.of(inputTypes[i]);
        }
        this.steps = steps;
        this.slots = slots;
        this.reported = reported;
        this.reportedSlots = reportedSlots;
    }

    /**
     * One decision, in KIE's evaluation order: its slot and its compiled expression; {@code last} remembers its last
     * answer when it is a literal expression of inputs alone (null otherwise).
     */
    private record Step(String name, int slot, Expr expr, boolean single, LastAnswer last) {

        Object eval(Object[] env, List<TableMatch> found) {
            return last == null ? expr.eval(env, found) : last.eval(expr, env, found);
        }
    }

    /**
     * The last answer of a literal expression that reads only inputs (no other decision, no BKM, so it matches no
     * table row): when the same plain values come again, the same answer. A batch's projects share their
     * {@code asOf}, so the model's time progress, its leap-year test and its division (a tenth of a 100,000-project
     * call's allocations) are worked out once per batch instead of once per project. Only text, numbers, booleans and
     * dates are compared (numbers by {@link BigDecimal#equals}, which includes the scale) and only such an answer is
     * kept, so it is the very value the expression gives for those inputs. Threads that race each keep an answer that
     * is right for its own inputs.
     */
    private static final class LastAnswer {
        private final int[] reads;
        private volatile Object[] last; // the values read, then the answer

        LastAnswer(int[] reads) {
            this.reads = reads;
        }

        Object eval(Expr expr, Object[] env, List<TableMatch> found) {
            Object[] seen = last;
            if (seen != null && same(seen, env)) {
                return seen[reads.length];
            }
            Object answer = expr.eval(env, found);
            if (scalar(answer)) {
                Object[] next = new Object[reads.length + 1];
                for (int i = 0; i < reads.length; i++) {
                    Object value = env[reads[i]];
                    if (!scalar(value)) {
                        return answer;
                    }
                    next[i] = value;
                }
                next[reads.length] = answer;
                last = next;
            }
            return answer;
        }

        private boolean same(Object[] seen, Object[] env) {
            for (int i = 0; i < reads.length; i++) {
                Object value = env[reads[i]];
                if (!scalar(value) || !value.equals(seen[i])) {
                    return false;
                }
            }
            return true;
        }

        private static boolean scalar(Object value) {
            return value instanceof BigDecimal || value instanceof String || value instanceof Boolean
                    || value instanceof LocalDate;
        }
    }

    /** A compiled expression: a value that is never null, or {@link #DECLINE}. */
    @FunctionalInterface
    private interface Expr {
        Object eval(Object[] env, List<TableMatch> found);
    }

    /** Thrown when a call is not a plain one: the engine asks KIE. No stack trace, one instance. */
    private static final class Decline extends RuntimeException {
        Decline() {
            super(null, null, false, false);
        }
    }

    private static final Decline DECLINE = new Decline();

    /** The model is outside the subset: KIE evaluates it. */
    private static final class Refused extends Exception {
        Refused(String why) {
            super(why, null, false, false);
        }
    }

    /** The compiled model, or null when it is outside the subset. */
    static CompiledDecisions of(DMNModel model, Ruleset ruleset) {
        try {
            return compile(model, ruleset);
        } catch (Refused | RuntimeException e) {
            return null;
        }
    }

    /** Why the model is not compiled (null: it is); for tests and start-up diagnostics. */
    static String refusal(DMNModel model, Ruleset ruleset) {
        try {
            compile(model, ruleset);
            return null;
        } catch (Refused | RuntimeException e) {
            return e.getMessage();
        }
    }

    private static CompiledDecisions compile(DMNModel model, Ruleset ruleset) throws Refused {
        if (!model.getDecisionServices().isEmpty() || model.getDecisions().isEmpty()) {
            throw new Refused("decision services, or no decision");
        }
        Compiler compiler = new Compiler(ruleset);
        List<String> inputs = new ArrayList<>();
        List<DMNType> types = new ArrayList<>();
        for (InputDataNode input : model.getInputs()) {
            inputs.add(input.getName());
            types.add(hasAllowedValues(input.getType(), new java.util.HashSet<>()) ? input.getType() : null);
            compiler.declare(input.getName());
        }
        for (DecisionNode node : model.getDecisions()) {
            compiler.declare(node.getName());
        }
        for (BusinessKnowledgeModelNode node : model.getBusinessKnowledgeModels()) {
            compiler.bkm(node);
        }
        for (BusinessKnowledgeModelNode node : model.getBusinessKnowledgeModels()) {
            compiler.bkmBody(node);
        }
        // KIE's evaluateAll: the model's decisions collected into a HashSet (DecisionNodeImpl hashes its id and name),
        // each evaluated in that set's order, the decisions it depends on first (in its dependency map's order). The
        // same set, made the same way, gives the order of the matched rows.
        Map<String, DecisionNode> byId = new HashMap<>();
        for (DecisionNode node : model.getDecisions()) {
            byId.put(node.getId(), node);
        }
        Set<DecisionNode> kieSet = model.getDecisions().stream()
                .filter(d -> d.getModelNamespace().equals(model.getNamespace()))
                .collect(java.util.stream.Collectors.toSet());
        if (kieSet.size() != model.getDecisions().size()) {
            throw new Refused("decisions of imported models");
        }
        List<DecisionNode> ordered = new ArrayList<>();
        Set<String> visiting = new LinkedHashSet<>(); // also the order KIE enters them in (before their dependencies)
        for (DecisionNode node : kieSet) {
            order(node, byId, ordered, visiting);
        }
        List<Step> steps = new ArrayList<>();
        for (DecisionNode node : ordered) {
            Expression expression = node.getDecision().getExpression();
            Expr expr;
            if (expression instanceof LiteralExpression literal) {
                if (literal.getExpressionLanguage() != null && !literal.getExpressionLanguage().toLowerCase().contains("feel")) {
                    throw new Refused(node.getName() + ": not FEEL");
                }
                expr = compiler.expression(literal.getText(), compiler.global);
            } else if (expression instanceof DecisionTable table) {
                expr = compiler.table(node.getName(), node.getDecision().getLabel(), table, compiler.global);
            } else if (expression instanceof Context context) {
                expr = compiler.context(node, context, model);
            } else {
                throw new Refused(node.getName() + ": neither a literal expression, a decision table nor a context");
            }
            // DMNRuntimeImpl: CoerceUtil.coerceValue(the decision's result type, the result)
            boolean single = node.getResultType() != null && !node.getResultType().isCollection();
            LastAnswer last = expression instanceof LiteralExpression ? lastAnswer(node, compiler.global) : null;
            steps.add(new Step(node.getName(), compiler.global.get(node.getName()), expr, single, last));
        }
        // KIE's DMNResult keeps the decision results in a HashMap by decision id, put before the evaluation in the order
        // of a HashSet of the model's decisions (DMNRuntimeImpl.createResult), and reports them in that map's order:
        // the same map, made the same way, gives it
        Map<String, String> byIdInKieOrder = new HashMap<>();
        for (DecisionNode node : model.getDecisions().stream()
                .filter(d -> d.getModelNamespace().equals(model.getNamespace()))
                .collect(java.util.stream.Collectors.toSet())) {
            byIdInKieOrder.put(node.getId(), node.getName());
        }
        String[] reported = byIdInKieOrder.values().toArray(String[]::new);
        int[] reportedSlots = new int[reported.length];
        for (int i = 0; i < reported.length; i++) {
            reportedSlots[i] = compiler.global.get(reported[i]);
        }
        return new CompiledDecisions(ruleset, inputs.toArray(String[]::new), types.toArray(DMNType[]::new),
                steps.toArray(Step[]::new), compiler.maxSlots, reported, reportedSlots);
    }

    private static void order(DecisionNode node, Map<String, DecisionNode> byId, List<DecisionNode> ordered,
            Set<String> visiting) throws Refused {
        if (ordered.contains(node)) {
            return;
        }
        if (!visiting.add(node.getName())) {
            throw new Refused("a cycle at " + node.getName());
        }
        if (!(node instanceof org.kie.dmn.core.ast.DMNBaseNode base)) {
            throw new Refused(node.getName() + ": not KIE's own node");
        }
        for (org.kie.dmn.api.core.ast.DMNNode dependency : base.getDependencies().values()) {
            if (dependency instanceof DecisionNode decision) {
                if (byId.get(decision.getId()) != decision) {
                    throw new Refused(node.getName() + " requires " + decision.getName() + " of another model");
                }
                order(decision, byId, ordered, visiting);
            }
        }
        ordered.add(node);
    }

    /** A memory of the last answer for a decision that requires inputs alone, or null. */
    private static LastAnswer lastAnswer(DecisionNode node, Map<String, Integer> global) {
        if (!(node instanceof org.kie.dmn.core.ast.DMNBaseNode base) || base.getDependencies().isEmpty()) {
            return null;
        }
        int[] reads = new int[base.getDependencies().size()];
        int i = 0;
        for (org.kie.dmn.api.core.ast.DMNNode dependency : base.getDependencies().values()) {
            Integer slot = global.get(dependency.getName());
            if (!(dependency instanceof InputDataNode) || slot == null) {
                return null; // a decision or a BKM (whose tables' matched rows are reported)
            }
            reads[i++] = slot;
        }
        return new LastAnswer(reads);
    }

    /** Whether a type, or a type inside it, restricts its values (then an input of it is checked by KIE's type). */
    private static boolean hasAllowedValues(DMNType type, Set<DMNType> seen) {
        if (type == null || !seen.add(type)) {
            return false;
        }
        if (type.getAllowedValues() != null && !type.getAllowedValues().isEmpty()) {
            return true;
        }
        if (type.getBaseType() != null && hasAllowedValues(type.getBaseType(), seen)) {
            return true;
        }
        for (DMNType field : type.getFields().values()) {
            if (hasAllowedValues(field, seen)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Map<String, Object> evaluate(Map<String, Object> inputs, List<TableMatch> matches) {
        Object[] env = new Object[slots];
        for (String decision : reported) {
            if (inputs.containsKey(decision)) {
                return null; // KIE takes a decision's value given as an input instead of evaluating it
            }
        }
        for (int i = 0; i < inputNames.length; i++) {
            Object value = inputs.get(inputNames[i]);
            if (value == null ? !inputs.containsKey(inputNames[i]) : !plain(value)) {
                return null; // missing or not a plain value: KIE decides (a null is read only by "= null"; else declined)
            }
            if (inputTypes[i] != null && !(inputChecks[i] != null && inputChecks[i].certainlyAssignable(value))
                    && !inputTypes[i].isAssignableValue(value)) {
                return null; // outside the allowed values of its type
            }
            env[i] = value;
        }
        List<TableMatch> found = matches == null ? null : new ArrayList<>(4);
        try {
            for (Step step : steps) {
                env[step.slot] = coerce(step.single, step.eval(env, found));
            }
        } catch (Decline e) {
            return null;
        }
        Map<String, Object> results = new LinkedHashMap<>(reported.length * 2);
        for (int i = 0; i < reported.length; i++) {
            results.put(reported[i], env[reportedSlots[i]]);
        }
        if (matches != null) {
            matches.addAll(found);
        }
        return results;
    }

    private static boolean plain(Object value) {
        return value instanceof BigDecimal || value instanceof String || value instanceof Boolean
                || value instanceof LocalDate || value instanceof List || value instanceof Map;
    }

    /**
     * KIE's CoerceUtil.coerceValue: a one-element collection where the type is not a collection is its element ("a =
     * [a]"); anything else as it is.
     */
    private static Object coerce(boolean single, Object value) {
        return single && value instanceof java.util.Collection<?> c && c.size() == 1 ? c.iterator().next() : value;
    }

    /** A list as KIE's for and filter take it: a single value is a list of one; a null is not plain. */
    private static List<?> asList(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        return java.util.Collections.singletonList(checked(value));
    }

    private static Object checked(Object value) {
        if (value == null || !plain(value)) {
            throw DECLINE;
        }
        return value;
    }

    private static BigDecimal number(Object value) {
        if (value instanceof BigDecimal n) {
            return n;
        }
        throw DECLINE;
    }

    private static boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw DECLINE;
    }

    /** A BKM whose body is a plain decision table over its parameters. */
    private static final class Bkm {
        final String name;
        final int arity;
        Expr[] columns;
        Expr[][] outputs;
        PlainTables.Table table;
        int slots;

        Bkm(String name, int arity) {
            this.name = name;
            this.arity = arity;
        }

        Object invoke(Object[] args, List<TableMatch> found, Ruleset ruleset) {
            Object[] env = new Object[slots];
            System.arraycopy(args, 0, env, 0, args.length);
            Object[] values = new Object[columns.length];
            for (int c = 0; c < values.length; c++) {
                values[c] = columns[c].eval(env, found);
            }
            Expr[][] outs = outputs;
            Object result = table.evaluate(values, found, ruleset, (r, o) -> outs[r][o].eval(env, found));
            if (result == PlainTables.NO_ANSWER || result == null) {
                throw DECLINE;
            }
            return result;
        }
    }

    /** Turns KIE's FEEL AST into closures over an array of slots (inputs, decisions, then iteration variables). */
    private static final class Compiler {
        final Ruleset ruleset;
        final Map<String, Integer> global = new HashMap<>();
        final Map<String, Bkm> bkms = new HashMap<>();
        final FEEL feel = FEEL.newInstance(CompiledDecisions.class.getClassLoader(), List.of());
        int maxSlots;

        Compiler(Ruleset ruleset) {
            this.ruleset = ruleset;
        }

        void declare(String name) throws Refused {
            if (global.put(name, global.size()) != null) {
                throw new Refused("two nodes named " + name);
            }
            maxSlots = Math.max(maxSlots, global.size());
        }

        void bkm(BusinessKnowledgeModelNode node) throws Refused {
            BusinessKnowledgeModel bkm = node.getBusinessKnowledModel();
            if (bkm.getEncapsulatedLogic() == null
                    || !(bkm.getEncapsulatedLogic().getExpression() instanceof DecisionTable)) {
                throw new Refused(node.getName() + ": a BKM whose body is not a decision table");
            }
            if (global.containsKey(node.getName()) || bkms.containsKey(node.getName())) {
                throw new Refused("two nodes named " + node.getName());
            }
            bkms.put(node.getName(), new Bkm(node.getName(), bkm.getEncapsulatedLogic().getFormalParameter().size()));
        }

        void bkmBody(BusinessKnowledgeModelNode node) throws Refused {
            BusinessKnowledgeModel model = node.getBusinessKnowledModel();
            Map<String, Integer> scope = new HashMap<>();
            for (InformationItem parameter : model.getEncapsulatedLogic().getFormalParameter()) {
                if (scope.put(parameter.getName(), scope.size()) != null) {
                    throw new Refused(node.getName() + ": two parameters named " + parameter.getName());
                }
            }
            Bkm bkm = bkms.get(node.getName());
            DecisionTable table = (DecisionTable) model.getEncapsulatedLogic().getExpression();
            bkm.table = PlainTables.Table.ofAnyInputs(node.getName(), model.getLabel(), table);
            if (bkm.table == null) {
                throw new Refused(node.getName() + ": its table is not plain");
            }
            int[] slots = {scope.size()};
            bkm.columns = columns(table, scope, slots);
            bkm.outputs = outputs(bkm.table, scope, slots);
            bkm.slots = slots[0];
        }

        Expr table(String name, String label, DecisionTable table, Map<String, Integer> scope) throws Refused {
            PlainTables.Table compiled = PlainTables.Table.ofAnyInputs(name, label, table);
            if (compiled == null) {
                throw new Refused(name + ": the table is not plain");
            }
            int[] slots = {maxSlots};
            Expr[] columns = columns(table, scope, slots);
            Expr[][] outputs = outputs(compiled, scope, slots);
            maxSlots = Math.max(maxSlots, slots[0]);
            Ruleset ruleset = this.ruleset;
            return (env, found) -> {
                Object[] values = new Object[columns.length];
                for (int c = 0; c < values.length; c++) {
                    values[c] = columns[c].eval(env, found);
                }
                Object result = compiled.evaluate(values, found, ruleset, (r, o) -> outputs[r][o].eval(env, found));
                if (result == PlainTables.NO_ANSWER || result == null) {
                    throw DECLINE;
                }
                return result;
            };
        }

        /** The output entries that are expressions, compiled in the table's scope (null where an entry is a literal). */
        private Expr[][] outputs(PlainTables.Table table, Map<String, Integer> scope, int[] slots) throws Refused {
            Expr[][] outputs = new Expr[table.expressions.length][];
            for (int r = 0; r < outputs.length; r++) {
                outputs[r] = new Expr[table.expressions[r].length];
                for (int o = 0; o < outputs[r].length; o++) {
                    if (table.expressions[r][o] != null) {
                        outputs[r][o] = expression(table.expressions[r][o], scope, slots);
                    }
                }
            }
            return outputs;
        }

        private Expr[] columns(DecisionTable table, Map<String, Integer> scope, int[] slots) throws Refused {
            Expr[] columns = new Expr[table.getInput().size()];
            for (int c = 0; c < columns.length; c++) {
                InputClause input = table.getInput().get(c);
                if (input.getInputExpression() == null || input.getInputExpression().getText() == null) {
                    throw new Refused("an input column without an expression");
                }
                // a name or a path reads null as null: the table decides (its "-" entries match it, or KIE decides)
                columns[c] = expression(input.getInputExpression().getText(), scope, slots, true);
            }
            return columns;
        }

        /**
         * A boxed context of named literal expressions (no result entry), as KIE's DMNContextEvaluator evaluates it:
         * each entry in turn, visible to the entries after it and coerced to its type ({@code CoerceUtil}: a
         * one-element list where the type is not a collection would be its element; that call is declined); the
         * result is a {@code HashMap} with the entries put in their order.
         */
        Expr context(DecisionNode node, Context context, DMNModel model) throws Refused {
            String name = node.getName();
            Map<String, Integer> scope = new HashMap<>(global);
            int[] slots = {maxSlots};
            int n = context.getContextEntry().size();
            String[] names = new String[n];
            Expr[] values = new Expr[n];
            int[] entrySlots = new int[n];
            boolean[] single = new boolean[n];
            for (int i = 0; i < n; i++) {
                ContextEntry entry = context.getContextEntry().get(i);
                boolean result = entry.getVariable() == null;
                if (result && i != n - 1) {
                    throw new Refused(name + ": a result entry that is not the last");
                }
                if (!result && entry.getVariable().getName() == null) {
                    throw new Refused(name + ": a context entry without a name");
                }
                if (!(entry.getExpression() instanceof LiteralExpression literal) || (literal.getExpressionLanguage() != null
                        && !literal.getExpressionLanguage().toLowerCase().contains("feel"))) {
                    throw new Refused(name + ": a context entry that is not a FEEL literal expression");
                }
                names[i] = result ? null : entry.getVariable().getName();
                if (result) {
                    // the result entry's value is the decision's, coerced to the decision's type
                    values[i] = expression(literal.getText(), scope, slots, false);
                    entrySlots[i] = -1;
                    single[i] = node.getResultType() != null && !node.getResultType().isCollection();
                    continue;
                }
                for (int j = 0; j < i; j++) {
                    if (names[j].equals(names[i])) {
                        throw new Refused(name + ": two context entries named " + names[i]);
                    }
                }
                values[i] = expression(literal.getText(), scope, slots, false);
                entrySlots[i] = bind(scope, names[i], slots);
                single[i] = !collectionType(entry.getVariable().getTypeRef(), model);
            }
            maxSlots = Math.max(maxSlots, slots[0]);
            return (env, found) -> {
                Map<String, Object> results = new HashMap<>();
                for (int i = 0; i < values.length; i++) {
                    Object value = coerce(single[i], values[i].eval(env, found)); // as DMNContextEvaluator
                    if (entrySlots[i] < 0) {
                        return value; // the result entry (DMNContextEvaluator.RESULT_ENTRY)
                    }
                    env[entrySlots[i]] = value;
                    results.put(names[i], value);
                }
                return results;
            };
        }

        /** Whether a type reference is surely a collection type of the model (otherwise: treated as a single value). */
        private static boolean collectionType(javax.xml.namespace.QName typeRef, DMNModel model) {
            if (typeRef == null) {
                return false;
            }
            for (org.kie.dmn.api.core.ast.ItemDefNode item : model.getItemDefinitions()) {
                if (item.getName().equals(typeRef.getLocalPart()) && item.getType() != null) {
                    return item.getType().isCollection();
                }
            }
            return false;
        }

        Expr expression(String text, Map<String, Integer> scope) throws Refused {
            int[] slots = {maxSlots};
            Expr expr = expression(text, scope, slots, false);
            maxSlots = Math.max(maxSlots, slots[0]);
            return expr;
        }

        private Expr expression(String text, Map<String, Integer> scope, int[] slots) throws Refused {
            return expression(text, scope, slots, false);
        }

        /** {@code orNull}: a name or path alone reads a null value as null (for a table's input column). */
        private Expr expression(String text, Map<String, Integer> scope, int[] slots, boolean orNull) throws Refused {
            CompilerContext context = feel.newCompilerContext();
            for (String name : scope.keySet()) {
                context.addInputVariableType(name, BuiltInType.UNKNOWN);
            }
            for (String name : bkms.keySet()) {
                context.addInputVariableType(name, BuiltInType.UNKNOWN);
            }
            List<FEELEvent> errors = new ArrayList<>();
            context.getListeners().add(event -> {
                if (event.getSeverity() == FEELEvent.Severity.ERROR) {
                    errors.add(event);
                }
            });
            CompiledExpression compiled = feel.compile(text, context);
            if (!errors.isEmpty() || !(compiled instanceof ProcessedExpression processed)) {
                throw new Refused("FEEL does not compile: " + text);
            }
            ASTNode ast = processed.getInterpreted().getASTNode();
            return orNull ? nullable(ast, new HashMap<>(scope), slots) : node(ast, new HashMap<>(scope), slots);
        }

        /** The one iteration context of a {@code for} or {@code some/every}, over a list (not a range). */
        private static IterationContextNode overOneList(List<IterationContextNode> contexts, String what)
                throws Refused {
            if (contexts.size() != 1) {
                throw new Refused(what + " with more than one iteration context");
            }
            if (contexts.get(0).getRangeEndExpr() != null && !what.equals("a for")) {
                throw new Refused(what + " over a range");
            }
            return contexts.get(0);
        }

        /**
         * The numbers of a range {@code a..b} as KIE's BigDecimalRangeIterator gives them: from a to b by 1 (by -1 when
         * b &lt; a), each the previous one plus the step.
         */
        private static List<Object> range(Object start, Object end) {
            BigDecimal from = number(start);
            BigDecimal to = number(end);
            boolean up = from.compareTo(to) <= 0;
            BigDecimal step = new BigDecimal(up ? 1 : -1, MathContext.DECIMAL128);
            if (to.subtract(from).abs().compareTo(BigDecimal.valueOf(100_000)) > 0) {
                throw DECLINE; // not a call of this service's models
            }
            List<Object> values = new ArrayList<>();
            for (BigDecimal cursor = from; up ? cursor.compareTo(to) <= 0 : cursor.compareTo(to) >= 0;
                    cursor = cursor.add(step)) {
                values.add(cursor);
            }
            return values;
        }

        private Expr node(ASTNode node, Map<String, Integer> scope, int[] slots) throws Refused {
            if (node instanceof NumberNode n) {
                BigDecimal value = n.getValue();
                return constant(value);
            }
            if (node instanceof StringNode s) {
                return constant(s.getValue());
            }
            if (node instanceof BooleanNode b) {
                return constant(b.getValue());
            }
            if (node instanceof NullNode) {
                return (env, found) -> null; // every operation on it declines; a table, a list or a context keeps it
            }
            Expr read = read(node, scope, false);
            if (read != null) {
                return read;
            }
            if (node instanceof InfixOpNode infix) {
                return infix(infix, scope, slots);
            }
            if (node instanceof IfExpressionNode ifNode) {
                Expr condition = node(ifNode.getCondition(), scope, slots);
                Expr then = node(ifNode.getThenExpression(), scope, slots);
                Expr otherwise = node(ifNode.getElseExpression(), scope, slots);
                return (env, found) -> bool(condition.eval(env, found)) ? then.eval(env, found) : otherwise.eval(env, found);
            }
            if (node instanceof ForExpressionNode loop) {
                IterationContextNode iteration = overOneList(loop.getIterationContexts(), "a for");
                Expr over = node(iteration.getExpression(), scope, slots);
                Expr end = iteration.getRangeEndExpr() == null ? null : node(iteration.getRangeEndExpr(), scope, slots);
                Expr list = end == null ? over : (env, found) -> range(over.eval(env, found), end.eval(env, found));
                Map<String, Integer> inner = new HashMap<>(scope);
                int s = bind(inner, iteration.getName().getText(), slots);
                Expr body = node(loop.getExpression(), inner, slots);
                return (env, found) -> {
                    List<?> items = asList(list.eval(env, found)); // KIE's ForExpressionNode: one value, a list of one
                    List<Object> results = new ArrayList<>(items.size());
                    for (Object item : items) {
                        env[s] = item == null ? null : checked(item); // a null element: only "= null" reads it
                        results.add(body.eval(env, found));
                    }
                    return results;
                };
            }
            if (node instanceof QuantifiedExpressionNode quantified) {
                IterationContextNode iteration = overOneList(quantified.getIterationContexts(), "a quantifier");
                boolean some = quantified.getQuantifier() == QuantifiedExpressionNode.Quantifier.SOME;
                Expr list = node(iteration.getExpression(), scope, slots);
                Map<String, Integer> inner = new HashMap<>(scope);
                int s = bind(inner, iteration.getName().getText(), slots);
                Expr body = node(quantified.getExpression(), inner, slots);
                return (env, found) -> {
                    if (!(list.eval(env, found) instanceof List<?> items)) {
                        throw DECLINE;
                    }
                    boolean result = !some;
                    for (Object item : items) { // every element, so that none of them is left unchecked
                        env[s] = item == null ? null : checked(item);
                        boolean satisfied = bool(body.eval(env, found));
                        result = some ? result || satisfied : result && satisfied;
                    }
                    return result;
                };
            }
            if (node instanceof FunctionInvocationNode invocation) {
                return invocation(invocation, scope, slots);
            }
            if (node instanceof ListNode list) {
                // KIE's ListNode: the elements in order, collected into an ArrayList
                Expr[] elements = new Expr[list.getElements().size()];
                for (int i = 0; i < elements.length; i++) {
                    elements[i] = nullable(list.getElements().get(i), scope, slots); // a null input stays null
                }
                return (env, found) -> {
                    List<Object> values = new ArrayList<>(elements.length);
                    for (Expr element : elements) {
                        values.add(element.eval(env, found));
                    }
                    return values;
                };
            }
            if (node instanceof ContextNode context) {
                return context(context, scope, slots);
            }
            if (node instanceof FilterExpressionNode filter) {
                return filter(filter, scope, slots);
            }
            if (node instanceof PathExpressionNode path && path.getName() instanceof NameRefNode field) {
                // e.g. dimensions[…][1].label: KIE's PathExpressionNode (a list gives the field of each element)
                Expr of = node(path.getExpression(), scope, slots);
                String name = field.getText();
                return (env, found) -> {
                    Object value = of.eval(env, found);
                    if (value == null) {
                        throw DECLINE;
                    }
                    return property(value, name);
                };
            }
            throw new Refused("outside the FEEL subset: " + node.getClass().getSimpleName() + " " + node.getText());
        }

        private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

        /**
         * A context literal {@code {action: a.action, amount: …}}, as KIE's ContextNode: each entry in turn, visible
         * to the entries after it, put into a {@code LinkedHashMap} in the order written.
         */
        private Expr context(ContextNode context, Map<String, Integer> scope, int[] slots) throws Refused {
            Map<String, Integer> inner = new HashMap<>(scope);
            int n = context.getEntries().size();
            String[] keys = new String[n];
            Expr[] values = new Expr[n];
            int[] entrySlots = new int[n];
            for (int i = 0; i < n; i++) {
                ContextEntryNode entry = context.getEntries().get(i);
                String key = entry.getName() instanceof NameDefNode def ? def.getText()
                        : entry.getName() instanceof StringNode text ? text.getValue() : null;
                if (key == null || !KEY.matcher(key).matches() || java.util.Arrays.asList(keys).contains(key)) {
                    throw new Refused("a context key outside the subset: " + context.getText());
                }
                keys[i] = key;
                values[i] = nullable(entry.getValue(), inner, slots);
                entrySlots[i] = bind(inner, key, slots);
            }
            return (env, found) -> {
                Map<String, Object> result = new LinkedHashMap<>(n * 2);
                for (int i = 0; i < n; i++) {
                    Object value = values[i].eval(env, found);
                    env[entrySlots[i]] = value;
                    result.put(keys[i], value);
                }
                return result;
            };
        }

        /**
         * A filter {@code list[condition]} whose condition is a comparison, {@code and}/{@code or}, {@code not(…)}
         * or {@code list contains(…)} (never a number, so never an index), as KIE's FilterExpressionNode: the
         * elements for which it is true, in order, in an ArrayList; {@code item} is the element. KIE also reads an
         * element's fields as names (its root object): an element with a field named as a name the condition reads is
         * declined, as is a condition that is not a boolean (KIE would silently leave the element out).
         */
        private Expr filter(FilterExpressionNode filter, Map<String, Integer> scope, int[] slots) throws Refused {
            ASTNode condition = filter.getFilter();
            if (condition instanceof NumberNode || (condition instanceof NameRefNode ref && scope.containsKey(ref.getText()))) {
                return index(filter, scope, slots);
            }
            boolean booleanForm = condition instanceof InfixOpNode infix && switch (infix.getOperator()) {
                case EQ, NE, LT, LTE, GT, GTE, AND, OR -> true;
                default -> false;
            } || condition instanceof FunctionInvocationNode call && call.getName() instanceof NameRefNode fn
                    && (fn.getText().equals("not") || fn.getText().equals("list contains"));
            if (!booleanForm) {
                throw new Refused("a filter that is not a boolean condition: " + filter.getText());
            }
            Expr list = node(filter.getExpression(), scope, slots);
            Map<String, Integer> inner = new HashMap<>(scope);
            int s = bind(inner, "item", slots);
            Expr test = node(condition, inner, slots);
            Set<String> names = new java.util.HashSet<>();
            names(condition, names);
            names.add("item");
            return (env, found) -> {
                List<?> items = asList(list.eval(env, found)); // KIE takes a single value as a list of one
                List<Object> results = new ArrayList<>();
                for (Object item : items) {
                    if (item instanceof Map<?, ?> map) {
                        for (String name : names) {
                            if (map.containsKey(name)) {
                                throw DECLINE;
                            }
                        }
                    }
                    env[s] = item;
                    if (!(test.eval(env, found) instanceof Boolean hit)) {
                        throw DECLINE;
                    }
                    if (hit) {
                        results.add(item);
                    }
                }
                return results;
            };
        }

        /**
         * An index filter {@code list[1]}, {@code targets[i]} (a number, or a name whose value must be a number), as
         * KIE's FilterExpressionNode: the element at {@code intValue()} from 1, from the end when negative; null (KIE
         * warns) outside the list.
         */
        private Expr index(FilterExpressionNode filter, Map<String, Integer> scope, int[] slots) throws Refused {
            Expr list = node(filter.getExpression(), scope, slots);
            Expr position = node(filter.getFilter(), scope, slots);
            return (env, found) -> {
                List<?> items = asList(list.eval(env, found));
                int i = number(position.eval(env, found)).intValue();
                if (i > 0 && i <= items.size()) {
                    return items.get(i - 1);
                }
                if (i < 0 && Math.abs(i) <= items.size()) {
                    return items.get(items.size() + i);
                }
                return null;
            };
        }

        /** The names an expression reads (the first part of a path), function names included. */
        private static void names(ASTNode node, Set<String> names) {
            if (node instanceof NameRefNode ref) {
                names.add(ref.getText());
            } else if (node instanceof QualifiedNameNode path) {
                names.add(path.getPartsAsStringArray()[0]);
                return; // the other parts are fields, not names
            }
            if (node.getChildrenNode() != null) {
                for (ASTNode child : node.getChildrenNode()) {
                    if (child != null) {
                        names(child, names);
                    }
                }
            }
        }

        /** A built-in's answer, or a decline where KIE reports an error. */
        private static Object result(org.kie.dmn.feel.runtime.functions.FEELFnResult<?> result) {
            if (result.isLeft()) {
                throw DECLINE;
            }
            return result.getOrElse(null);
        }

        private static int bind(Map<String, Integer> scope, String name, int[] slots) {
            int slot = slots[0]++;
            scope.put(name, slot);
            return slot;
        }

        private static Expr constant(Object value) throws Refused {
            if (value == null) {
                throw new Refused("a null literal");
            }
            return (env, found) -> value;
        }

        private static Object property(Object value, String field) {
            if (value instanceof List<?> list) { // KIE: the field of each element, in a new ArrayList
                List<Object> values = new ArrayList<>(list.size());
                for (Object element : list) {
                    if (!(element instanceof Map<?, ?> map) || !map.containsKey(field)) {
                        throw DECLINE;
                    }
                    values.add(map.get(field));
                }
                return values;
            }
            if (value instanceof Map<?, ?> map) {
                if (!map.containsKey(field)) {
                    throw DECLINE;
                }
                return map.get(field);
            }
            if (value instanceof LocalDate date) {
                return switch (field) {
                    case "year" -> BigDecimal.valueOf(date.getYear());
                    case "month" -> BigDecimal.valueOf(date.getMonthValue());
                    case "day" -> BigDecimal.valueOf(date.getDayOfMonth());
                    default -> throw DECLINE;
                };
            }
            throw DECLINE;
        }

        private Expr infix(InfixOpNode infix, Map<String, Integer> scope, int[] slots) throws Refused {
            boolean eq = infix.getOperator() == InfixOperator.EQ;
            if ((eq || infix.getOperator() == InfixOperator.NE)
                    && (infix.getLeft() instanceof NullNode || infix.getRight() instanceof NullNode)) {
                // x = null, x != null: FEEL's null test (null = null is true, any other value = null false)
                ASTNode other = infix.getLeft() instanceof NullNode ? infix.getRight() : infix.getLeft();
                Expr x = other instanceof NullNode ? (env, found) -> null : nullable(other, scope, slots);
                return (env, found) -> (x.eval(env, found) == null) == eq;
            }
            if (eq || infix.getOperator() == InfixOperator.NE) {
                // KIE's EqExecutor/NeExecutor: BooleanEvalHelper.isEqual, where a null equals only a null
                Expr l = nullable(infix.getLeft(), scope, slots);
                Expr r = nullable(infix.getRight(), scope, slots);
                return (env, found) -> {
                    Object a = l.eval(env, found);
                    Object b = r.eval(env, found);
                    boolean same = a == null || b == null ? a == b : equal(a, b);
                    return same == eq;
                };
            }
            Expr l = node(infix.getLeft(), scope, slots);
            Expr r = node(infix.getRight(), scope, slots);
            MathContext mc = MathContext.DECIMAL128;
            return switch (infix.getOperator()) {
                case ADD -> (env, found) -> {
                    Object a = l.eval(env, found);
                    Object b = r.eval(env, found);
                    if (a instanceof String x && b instanceof String y) {
                        return x + y; // KIE's AddExecutor: two texts are joined
                    }
                    return FeelArithmetic.add(number(a), number(b));
                };
                case SUB -> (env, found) -> FeelArithmetic.subtract(number(l.eval(env, found)),
                        number(r.eval(env, found)));
                case MULT -> (env, found) -> number(l.eval(env, found)).multiply(number(r.eval(env, found)), mc);
                case DIV -> (env, found) -> {
                    BigDecimal dividend = number(l.eval(env, found));
                    BigDecimal divisor = number(r.eval(env, found));
                    if (divisor.signum() == 0) {
                        throw DECLINE; // KIE reports the division by zero
                    }
                    return FeelArithmetic.divide(dividend, divisor);
                };
                case EQ -> (env, found) -> equal(l.eval(env, found), r.eval(env, found));
                case NE -> (env, found) -> !equal(l.eval(env, found), r.eval(env, found));
                case LT -> (env, found) -> compare(l.eval(env, found), r.eval(env, found)) < 0;
                case LTE -> (env, found) -> compare(l.eval(env, found), r.eval(env, found)) <= 0;
                case GT -> (env, found) -> compare(l.eval(env, found), r.eval(env, found)) > 0;
                case GTE -> (env, found) -> compare(l.eval(env, found), r.eval(env, found)) >= 0;
                // both sides always, so that a side KIE would short-circuit is still checked (a call we cannot
                // prove plain goes to KIE)
                case AND -> (env, found) -> {
                    boolean a = bool(l.eval(env, found));
                    boolean b = bool(r.eval(env, found));
                    return a && b;
                };
                case OR -> (env, found) -> {
                    boolean a = bool(l.eval(env, found));
                    boolean b = bool(r.eval(env, found));
                    return a || b;
                };
                default -> throw new Refused("the operator " + infix.getOperator());
            };
        }

        /** Two numbers by value, or two dates (KIE's BooleanEvalHelper.compare: Comparable of the same class). */
        private static int compare(Object a, Object b) {
            if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
                return x.compareTo(y);
            }
            if (a instanceof LocalDate x && b instanceof LocalDate y) {
                return x.compareTo(y);
            }
            throw DECLINE;
        }

        /**
         * A name or a path whose value may be null (only for {@code = null}, {@code != null}): a field present with
         * a null value reads as null; a missing field, or a path through a null, is not plain.
         */
        private Expr nullable(ASTNode node, Map<String, Integer> scope, int[] slots) throws Refused {
            Expr read = read(node, scope, true);
            return read != null ? read : node(node, scope, slots);
        }

        /**
         * A name ({@code budget}) or a path ({@code t.direction}, {@code asOf.year}); null when the node is neither.
         * A missing field, or a path through a null, is not plain; a null value is not plain either, unless
         * {@code orNull} (then it reads as null).
         */
        private static Expr read(ASTNode node, Map<String, Integer> scope, boolean orNull) throws Refused {
            String[] parts;
            if (node instanceof NameRefNode ref) {
                parts = new String[] {ref.getText()};
            } else if (node instanceof QualifiedNameNode path) {
                parts = path.getPartsAsStringArray();
            } else {
                return null;
            }
            Integer slot = scope.get(parts[0]);
            if (slot == null) {
                throw new Refused("unknown name " + parts[0]);
            }
            int s = slot;
            String[] fields = java.util.Arrays.copyOfRange(parts, 1, parts.length);
            if (fields.length == 0 && !orNull) {
                return (env, found) -> checked(env[s]);
            }
            return (env, found) -> {
                Object value = env[s];
                for (String field : fields) {
                    if (value == null) {
                        throw DECLINE;
                    }
                    value = property(value, field);
                }
                return orNull && value == null ? null : checked(value);
            };
        }

        private static boolean equal(Object a, Object b) {
            if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
                return x.compareTo(y) == 0;
            }
            if ((a instanceof String && b instanceof String) || (a instanceof Boolean && b instanceof Boolean)) {
                return a.equals(b);
            }
            throw DECLINE;
        }

        /**
         * {@code sort(list, function(a, b) …)} as KIE's SortFunction: a new ArrayList sorted by {@code List.sort} with
         * the comparator -1 when the function gives true (or not a boolean), else 1. A function that is not a boolean
         * for a pair here declines; so does a comparator the sort finds inconsistent (KIE reports an error).
         */
        private Expr sort(ASTNode listNode, FunctionDefNode function, Map<String, Integer> scope, int[] slots)
                throws Refused {
            Expr list = node(listNode, scope, slots);
            Map<String, Integer> inner = new HashMap<>(scope);
            List<FormalParameterNode> parameters = function.getFormalParameters();
            if (!untyped(parameters.get(0)) || !untyped(parameters.get(1))) {
                throw new Refused("a typed function parameter: " + function.getText());
            }
            int sa = bind(inner, parameters.get(0).getName().getText(), slots);
            int sb = bind(inner, parameters.get(1).getName().getText(), slots);
            Expr body = node(function.getBody(), inner, slots);
            return (env, found) -> {
                if (!(list.eval(env, found) instanceof List<?> items)) {
                    throw DECLINE;
                }
                List<Object> sorted = new ArrayList<>(items);
                try {
                    sorted.sort((x, y) -> {
                        env[sa] = x;
                        env[sb] = y;
                        return bool(body.eval(env, found)) ? -1 : 1;
                    });
                } catch (IllegalArgumentException e) {
                    throw DECLINE;
                }
                return sorted;
            };
        }

        /** A parameter without a type (KIE gives it a synthetic {@code Any}, BuiltInType.UNKNOWN). */
        private static boolean untyped(FormalParameterNode parameter) {
            return parameter.getType() == null || (parameter.getType() instanceof org.kie.dmn.feel.lang.ast.CTypeNode type
                    && type.getType() == BuiltInType.UNKNOWN);
        }

        private Expr invocation(FunctionInvocationNode invocation, Map<String, Integer> scope, int[] slots)
                throws Refused {
            if (!(invocation.getName() instanceof NameRefNode name)) {
                throw new Refused("a function that is not named");
            }
            List<? extends ASTNode> params = invocation.getParams().getElements();
            if (name.getText().equals("sort") && params.size() == 2 && params.get(1) instanceof FunctionDefNode function
                    && !function.isExternal() && function.getFormalParameters().size() == 2
                    && !scope.containsKey("sort") && !bkms.containsKey("sort")) {
                return sort(params.get(0), function, scope, slots);
            }
            List<Expr> args = new ArrayList<>();
            for (ASTNode arg : invocation.getParams().getElements()) {
                if (arg instanceof org.kie.dmn.feel.lang.ast.NamedParameterNode) {
                    throw new Refused("a named argument");
                }
                args.add(node(arg, scope, slots));
            }
            Expr[] a = args.toArray(Expr[]::new);
            Bkm bkm = bkms.get(name.getText());
            if (bkm != null && !scope.containsKey(name.getText())) {
                if (a.length != bkm.arity) {
                    throw new Refused(bkm.name + ": called with " + a.length + " arguments");
                }
                Ruleset ruleset = this.ruleset;
                return (env, found) -> {
                    Object[] values = new Object[a.length];
                    for (int i = 0; i < a.length; i++) {
                        values[i] = a[i].eval(env, found);
                    }
                    return bkm.invoke(values, found, ruleset);
                };
            }
            switch (name.getText()) {
                case "day of year":
                    if (a.length == 1) {
                        return (env, found) -> {
                            if (!(a[0].eval(env, found) instanceof LocalDate date)) {
                                throw DECLINE;
                            }
                            return checked(DayOfYearFunction.INSTANCE.invoke(date).getOrElse(null));
                        };
                    }
                    break;
                case "abs":
                    if (a.length == 1) {
                        return (env, found) -> checked(AbsFunction.INSTANCE.invoke(number(a[0].eval(env, found))).getOrElse(null));
                    }
                    break;
                case "date":
                    // date("2021-01-01"): a constant, made once by KIE's own function; any other form is refused
                    if (a.length == 1 && invocation.getParams().getElements().get(0) instanceof StringNode text) {
                        Object date = DateFunction.INSTANCE.invoke(text.getValue()).getOrElse(null);
                        if (date instanceof LocalDate) {
                            return constant(date);
                        }
                    }
                    break;
                case "count":
                    if (a.length == 1) {
                        return (env, found) -> {
                            if (!(a[0].eval(env, found) instanceof List<?> list)) {
                                throw DECLINE; // KIE takes a single value as a list of one
                            }
                            return checked(result(CountFunction.INSTANCE.invoke(list)));
                        };
                    }
                    break;
                case "sum":
                    if (a.length == 1) {
                        return (env, found) -> {
                            if (!(a[0].eval(env, found) instanceof List<?> list)) {
                                throw DECLINE;
                            }
                            Object sum = result(SumFunction.INSTANCE.invoke(list)); // null for an empty list, as KIE
                            return sum == null ? null : number(sum);
                        };
                    }
                    break;
                case "not":
                    if (a.length == 1) {
                        return (env, found) -> bool(result(NotFunction.INSTANCE.invoke(bool(a[0].eval(env, found)))));
                    }
                    break;
                case "list contains":
                    if (a.length == 2) {
                        return (env, found) -> {
                            if (!(a[0].eval(env, found) instanceof List<?> list)) {
                                throw DECLINE;
                            }
                            Object element = checked(a[1].eval(env, found));
                            return bool(result(ListContainsFunction.INSTANCE.invoke(list, element)));
                        };
                    }
                    break;
                case "get value":
                    if (a.length == 2) {
                        return (env, found) -> {
                            Object m = a[0].eval(env, found);
                            if (!(m instanceof Map<?, ?>) || !(a[1].eval(env, found) instanceof String key)) {
                                throw DECLINE;
                            }
                            Object value = result(GetValueFunction.INSTANCE.invoke(m, key));
                            return value == null ? null : checked(value);
                        };
                    }
                    break;
                case "index of":
                    if (a.length == 2) {
                        return (env, found) -> {
                            if (!(a[0].eval(env, found) instanceof List<?> list)) {
                                throw DECLINE;
                            }
                            return checked(result(IndexOfFunction.INSTANCE.invoke(list, checked(a[1].eval(env, found)))));
                        };
                    }
                    break;
                case "flatten":
                    if (a.length == 1) {
                        return (env, found) -> {
                            if (!(a[0].eval(env, found) instanceof List<?> list)) {
                                throw DECLINE;
                            }
                            return checked(result(FlattenFunction.INSTANCE.invoke(list)));
                        };
                    }
                    break;
                case "substring before", "substring after", "contains":
                    if (a.length == 2) {
                        String fn = name.getText();
                        return (env, found) -> {
                            if (!(a[0].eval(env, found) instanceof String text)
                                    || !(a[1].eval(env, found) instanceof String match)) {
                                throw DECLINE;
                            }
                            return checked(result(switch (fn) {
                                case "substring before" -> SubstringBeforeFunction.INSTANCE.invoke(text, match);
                                case "substring after" -> SubstringAfterFunction.INSTANCE.invoke(text, match);
                                default -> ContainsFunction.INSTANCE.invoke(text, match);
                            }));
                        };
                    }
                    break;
                case "round half up":
                    if (a.length == 2) {
                        return (env, found) -> {
                            BigDecimal n = number(a[0].eval(env, found));
                            BigDecimal scale = number(a[1].eval(env, found));
                            return number(result(RoundHalfUpFunction.INSTANCE.invoke(n, scale)));
                        };
                    }
                    break;
                case "modulo":
                    if (a.length == 2) {
                        return (env, found) -> {
                            BigDecimal dividend = number(a[0].eval(env, found));
                            BigDecimal divisor = number(a[1].eval(env, found));
                            if (divisor.signum() == 0) {
                                throw DECLINE;
                            }
                            return checked(ModuloFunction.INSTANCE.invoke(dividend, divisor).getOrElse(null));
                        };
                    }
                    break;
                default:
                    break;
            }
            throw new Refused("the function " + name.getText() + " with " + a.length + " arguments");
        }
    }
}
