package cn.pbm.platform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.ast.BusinessKnowledgeModelNode;
import org.kie.dmn.api.core.ast.DecisionNode;
import org.kie.dmn.api.core.event.AfterEvaluateDecisionTableEvent;
import org.kie.dmn.api.core.event.DMNRuntimeEventListener;
import org.kie.dmn.feel.FEEL;
import org.kie.dmn.feel.lang.CompiledExpression;
import org.kie.dmn.model.api.DecisionRule;
import org.kie.dmn.model.api.DecisionTable;
import org.kie.dmn.model.api.Expression;
import org.kie.dmn.model.api.InputClause;
import org.kie.dmn.model.api.NamedElement;
import org.kie.dmn.model.api.RuleAnnotation;

import cn.pbm.api.model.MatchedRow;
import cn.pbm.api.model.TableMatch;

/**
 * Listens to the DMN engine's own decision-table events and turns each into a {@link TableMatch}: the rows
 * the engine matched, their 依据 annotation, and the values of the table's input columns. Only active for an
 * evaluation whose context carries a list for the matches ({@link #reportTo}, when the call is explained): the
 * list travels with the evaluation in the DMN context's metadata, which the engine hands to every event, so no
 * thread-bound state is needed. The row numbers come from the engine, never re-derived.
 */
final class TableExplainer implements DMNRuntimeEventListener {

    private static final String MATCHES = "cn.pbm.platform.TableExplainer.matches";

    private final Ruleset ruleset;

    private final Map<String, Table> tablesById = new HashMap<>();
    private final Map<String, Table> tablesByName = new HashMap<>();
    private final FEEL feel = FEEL.newInstance(TableExplainer.class.getClassLoader(), java.util.List.of());
    /** Input expressions that are not plain names, compiled once (a batch explains the same columns many times). */
    private final Map<String, CompiledExpression> compiled = new java.util.concurrent.ConcurrentHashMap<>();

    TableExplainer(DMNModel model, Ruleset ruleset) {
        this.ruleset = ruleset;
        for (DecisionNode node : model.getDecisions()) {
            index(node.getDecision(), node.getDecision().getExpression());
        }
        for (BusinessKnowledgeModelNode node : model.getBusinessKnowledgeModels()) {
            if (node.getBusinessKnowledModel().getEncapsulatedLogic() != null) {
                index(node.getBusinessKnowledModel(), node.getBusinessKnowledModel().getEncapsulatedLogic().getExpression());
            }
        }
    }

    /**
     * Whether every evaluation of {@code model} reports at least one decision table: one of its decisions (all of
     * which {@code evaluateAll} evaluates) is a decision table.
     */
    static boolean tableInEveryEvaluation(DMNModel model) {
        for (DecisionNode node : model.getDecisions()) {
            if (node.getDecision().getExpression() instanceof DecisionTable) {
                return true;
            }
        }
        return false;
    }

    private void index(NamedElement owner, Expression expression) {
        if (expression instanceof DecisionTable table) {
            Table info = new Table(owner.getName(), owner.getLabel(), table);
            tablesById.put(table.getId(), info);
            tablesByName.put(owner.getName(), info);
        }
    }

    /** The evaluation of {@code context} reports its matched rows to {@code matches}, unless that is null. */
    static void reportTo(DMNContext context, List<TableMatch> matches) {
        if (matches != null) {
            context.getMetadata().set(MATCHES, matches);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterEvaluateDecisionTable(AfterEvaluateDecisionTableEvent event) {
        if (!(event.getResult().getContext().getMetadata().get(MATCHES) instanceof List<?> list)) {
            return;
        }
        List<TableMatch> matches = (List<TableMatch>) list;
        Table table = event.getDecisionTableId() != null ? tablesById.get(event.getDecisionTableId()) : null;
        if (table == null) {
            table = tablesByName.get(event.getNodeName());
        }
        Map<String, Object> inputs = table == null ? Map.of() : table.inputValues(event.getResult().getContext(), this);
        matches.add(match(ruleset, event.getNodeName(), table == null ? null : table.label(),
                table == null ? null : table.table(), event.getMatches(), event.getSelected(), inputs));
    }

    /**
     * The explanation of one decision table's evaluation: the rows that matched, the rows selected (each with its
     * 依据 annotation) and the values of the input columns. The listener and the compiled fast path
     * ({@link PlainTables}) both make it here, so the two cannot differ in form.
     */
    static TableMatch match(Ruleset ruleset, String decision, String label, DecisionTable table,
            List<Integer> matched, List<Integer> selected, Map<String, Object> inputs) {
        List<MatchedRow> rows = new ArrayList<>();
        for (Integer row : selected) {
            rows.add(new MatchedRow().row(row).annotation(table == null ? null : annotation(table, row)).inputs(inputs));
        }
        return new TableMatch()
                .ruleset(DecisionEngine.reference(ruleset))
                .decision(decision)
                .decisionLabel(label)
                .matchedRows(new ArrayList<>(matched))
                .rows(rows);
    }

    private static String annotation(DecisionTable table, int row) {
        if (row < 1 || row > table.getRule().size()) {
            return null;
        }
        DecisionRule rule = table.getRule().get(row - 1);
        List<String> texts = rule.getAnnotationEntry().stream().map(RuleAnnotation::getText).toList();
        return texts.isEmpty() ? null : String.join(" | ", texts);
    }

    private Object evaluate(String expression, DMNContext context) {
        CompiledExpression expr = compiled.computeIfAbsent(expression, e -> feel.compile(e, feel.newCompilerContext()));
        return feel.evaluate(expr, context.getAll());
    }

    private record Table(String name, String label, DecisionTable table) {

        Map<String, Object> inputValues(DMNContext context, TableExplainer explainer) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (InputClause input : table.getInput()) {
                String expression = input.getInputExpression().getText();
                String column = input.getLabel() != null ? input.getLabel() : expression;
                values.put(column, context.isDefined(expression) ? context.get(expression)
                        : explainer.evaluate(expression, context));
            }
            return values;
        }
    }
}
