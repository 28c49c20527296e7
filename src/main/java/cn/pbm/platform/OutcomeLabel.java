package cn.pbm.platform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.ast.DecisionNode;
import org.kie.dmn.model.api.Decision;
import org.kie.dmn.model.api.DecisionTable;
import org.kie.dmn.model.api.InformationRequirement;
import org.kie.dmn.model.api.OutputClause;

/**
 * The outcome of one evaluation as a metrics label, read from the model itself and not named in Java: the
 * value of the decision-table output column that declares its values ({@code outputValues}: a grade code, a
 * light, an admission decision). Where several decisions declare one, the model's final decision (one no
 * other decision requires) is taken. The label is always one of the declared values, {@code other} or
 * {@code none}, so its cardinality is bounded by the tables, whatever the input.
 */
final class OutcomeLabel {

    static final String NONE = "none";
    static final String OTHER = "other";
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String decision;
    private final String output;
    private final Set<String> values;

    private OutcomeLabel(String decision, String output, Set<String> values) {
        this.decision = decision;
        this.output = output;
        this.values = values;
    }

    static OutcomeLabel of(DMNModel model) {
        Set<String> required = new LinkedHashSet<>();
        List<OutcomeLabel> candidates = new ArrayList<>();
        List<Boolean> finals = new ArrayList<>();
        for (DecisionNode node : model.getDecisions()) {
            Decision decision = node.getDecision();
            for (InformationRequirement requirement : decision.getInformationRequirement()) {
                if (requirement.getRequiredDecision() != null && requirement.getRequiredDecision().getHref() != null) {
                    String href = requirement.getRequiredDecision().getHref();
                    required.add(href.substring(href.indexOf('#') + 1));
                }
            }
        }
        for (DecisionNode node : model.getDecisions()) {
            Decision decision = node.getDecision();
            if (!(decision.getExpression() instanceof DecisionTable table)) {
                continue;
            }
            for (OutputClause column : table.getOutput()) {
                if (column.getOutputValues() == null || column.getOutputValues().getText() == null) {
                    continue;
                }
                Set<String> values = new LinkedHashSet<>();
                Matcher m = QUOTED.matcher(column.getOutputValues().getText());
                while (m.find()) {
                    values.add(m.group(1));
                }
                if (!values.isEmpty()) {
                    candidates.add(new OutcomeLabel(node.getName(), table.getOutput().size() > 1 ? column.getName() : null,
                            Set.copyOf(values)));
                    finals.add(!required.contains(decision.getId()));
                    break;
                }
            }
        }
        int chosen = finals.indexOf(Boolean.TRUE);
        if (chosen < 0) {
            chosen = candidates.isEmpty() ? -1 : 0;
        }
        return chosen < 0 ? new OutcomeLabel(null, null, Set.of()) : candidates.get(chosen);
    }

    /** The label of one evaluation's results (decision name to value). */
    String label(Map<String, Object> results) {
        if (decision == null) {
            return NONE;
        }
        Object value = results.get(decision);
        if (output != null && value instanceof Map<?, ?> row) {
            value = row.get(output);
        }
        if (value == null) {
            return NONE;
        }
        return value instanceof String text && values.contains(text) ? text : OTHER;
    }
}
