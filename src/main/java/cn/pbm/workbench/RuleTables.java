package cn.pbm.workbench;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.dmn.backend.marshalling.v1x.DMNMarshallerFactory;
import org.kie.dmn.model.api.BusinessKnowledgeModel;
import org.kie.dmn.model.api.Context;
import org.kie.dmn.model.api.ContextEntry;
import org.kie.dmn.model.api.DRGElement;
import org.kie.dmn.model.api.Decision;
import org.kie.dmn.model.api.DecisionRule;
import org.kie.dmn.model.api.DecisionTable;
import org.kie.dmn.model.api.Definitions;
import org.kie.dmn.model.api.Expression;
import org.kie.dmn.model.api.InputClause;
import org.kie.dmn.model.api.LiteralExpression;
import org.kie.dmn.model.api.NamedElement;
import org.kie.dmn.model.api.OutputClause;
import org.kie.dmn.model.api.RuleAnnotation;
import org.kie.dmn.model.api.RuleAnnotationClause;
import org.kie.dmn.model.api.UnaryTests;

import cn.pbm.platform.Ruleset;
import cn.pbm.platform.RulesetCatalog;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A deployed rule-set version as the workbench shows it: every decision table of its DMN files, read with KIE's
 * own DMN model ({@link DMNMarshallerFactory}, the classes the engine compiles from), and every DRL rule with its
 * {@code @description}, read with the Drools DRL parser. Deployed versions never change while the service runs,
 * so each is read once.
 */
@ApplicationScoped
public class RuleTables {

    private final RulesetCatalog catalog;
    private final Map<String, RulesetView> views = new ConcurrentHashMap<>();

    public RuleTables(RulesetCatalog catalog) {
        this.catalog = catalog;
    }

    /** The view of one deployed version (id@version), or null when it is not deployed. */
    public RulesetView view(String id, String version) {
        return catalog.version(id, version).map(r -> views.computeIfAbsent(id + "@" + version, k -> read(r)))
                .orElse(null);
    }

    static RulesetView read(Ruleset ruleset) {
        List<DmnFile> dmn = new ArrayList<>();
        List<DrlFile> drl = new ArrayList<>();
        List<OtherFile> other = new ArrayList<>();
        for (Ruleset.RuleFile file : ruleset.files()) {
            String text = new String(file.content(), StandardCharsets.UTF_8);
            if (file.path().endsWith(".dmn")) {
                dmn.add(readDmn(file.path(), text));
            } else if (file.path().endsWith(".drl")) {
                drl.add(readDrl(file.path(), text));
            } else {
                other.add(new OtherFile(file.path(), file.sha256(), file.content().length));
            }
        }
        return new RulesetView(ruleset.id(), ruleset.version(), List.copyOf(dmn), List.copyOf(drl), List.copyOf(other));
    }

    /** Every decision table of a DMN file, in the order of the file's decisions and knowledge models. */
    public static DmnFile readDmn(String path, String xml) {
        Definitions definitions = DMNMarshallerFactory.newDefaultMarshaller().unmarshal(new StringReader(xml));
        if (definitions == null) {
            throw new IllegalArgumentException(path + " is not a DMN model");
        }
        List<TableView> tables = new ArrayList<>();
        for (DRGElement element : definitions.getDrgElement()) {
            if (element instanceof Decision decision) {
                collect(path, decision, decision.getExpression(), tables);
            } else if (element instanceof BusinessKnowledgeModel bkm && bkm.getEncapsulatedLogic() != null) {
                collect(path, bkm, bkm.getEncapsulatedLogic().getExpression(), tables);
            }
        }
        return new DmnFile(path, definitions.getName(), definitions.getNamespace(), List.copyOf(tables));
    }

    private static void collect(String path, NamedElement owner, Expression expression, List<TableView> tables) {
        if (expression instanceof DecisionTable table) {
            tables.add(table(path, owner, table));
        } else if (expression instanceof Context context) {
            for (ContextEntry entry : context.getContextEntry()) {
                collect(path, owner, entry.getExpression(), tables);
            }
        }
    }

    private static TableView table(String path, NamedElement owner, DecisionTable table) {
        List<Column> inputs = new ArrayList<>();
        for (InputClause input : table.getInput()) {
            String expression = input.getInputExpression() == null ? "" : input.getInputExpression().getText();
            inputs.add(new Column(input.getLabel() != null ? input.getLabel() : expression, expression,
                    unaryTests(input.getInputValues())));
        }
        List<Column> outputs = new ArrayList<>();
        for (OutputClause output : table.getOutput()) {
            String name = output.getName() != null ? output.getName() : owner.getName();
            outputs.add(new Column(output.getLabel() != null ? output.getLabel() : name, name,
                    unaryTests(output.getOutputValues())));
        }
        List<String> annotationColumns = table.getAnnotation().stream().map(RuleAnnotationClause::getName).toList();
        List<Row> rows = new ArrayList<>();
        int number = 0;
        for (DecisionRule rule : table.getRule()) {
            number++;
            rows.add(new Row(number, rule.getId(),
                    rule.getInputEntry().stream().map(e -> new Cell(e.getText())).toList(),
                    rule.getOutputEntry().stream().map(e -> new Cell(text(e))).toList(),
                    rule.getAnnotationEntry().stream().map(RuleAnnotation::getText).toList()));
        }
        String hitPolicy = table.getHitPolicy() == null ? "UNIQUE" : table.getHitPolicy().name();
        if (table.getAggregation() != null) {
            hitPolicy += " " + table.getAggregation().name();
        }
        return new TableView(path, owner.getName(), owner.getLabel() != null ? owner.getLabel() : owner.getName(),
                owner.getDescription(), table.getId(), hitPolicy, List.copyOf(inputs), List.copyOf(outputs),
                annotationColumns, List.copyOf(rows));
    }

    private static String text(LiteralExpression expression) {
        return expression == null || expression.getText() == null ? "" : expression.getText();
    }

    private static String unaryTests(UnaryTests tests) {
        return tests == null ? null : tests.getText();
    }

    /** Every rule of a DRL file with its {@code @description} and its source text. */
    public static DrlFile readDrl(String path, String drl) {
        DrlParser parser = new DrlParser();
        PackageDescr descr;
        try {
            descr = parser.parse(false, drl);
        } catch (DroolsParserException e) {
            throw new IllegalStateException(path + ": " + e.getMessage(), e);
        }
        if (descr == null || parser.hasErrors()) {
            throw new IllegalStateException(path + " does not parse: " + parser.getErrors());
        }
        List<DrlRule> rules = new ArrayList<>();
        for (RuleDescr rule : descr.getRules()) {
            AnnotationDescr description = rule.getAnnotation("description");
            String source = rule.getStartCharacter() >= 0 && rule.getEndCharacter() > rule.getStartCharacter()
                    && rule.getEndCharacter() <= drl.length()
                            ? drl.substring(rule.getStartCharacter(), rule.getEndCharacter())
                            : String.valueOf(rule.getConsequence());
            rules.add(new DrlRule(rule.getName(),
                    description == null ? null : String.valueOf(description.getSingleValueStripped()),
                    rule.getSalience(), source));
        }
        return new DrlFile(path, descr.getName(), List.copyOf(rules));
    }

    @TemplateData
    public record RulesetView(String id, String version, List<DmnFile> dmnFiles, List<DrlFile> drlFiles,
            List<OtherFile> otherFiles) {
    }

    @TemplateData
    public record DmnFile(String path, String modelName, String namespace, List<TableView> tables) {
    }

    /** One decision table: {@code decision} is the name of the decision or knowledge model it belongs to. */
    @TemplateData
    public record TableView(String path, String decision, String label, String description, String tableId,
            String hitPolicy, List<Column> inputs, List<Column> outputs, List<String> annotationColumns,
            List<Row> rows) {
    }

    /** A column: its label, its expression (input) or output name, and its allowed values when declared. */
    @TemplateData
    public record Column(String label, String expression, String allowedValues) {
    }

    @TemplateData
    public record Row(int number, String ruleId, List<Cell> inputs, List<Cell> outputs, List<String> annotations) {
    }

    @TemplateData
    public record Cell(String text) {
    }

    @TemplateData
    public record DrlFile(String path, String packageName, List<DrlRule> rules) {
    }

    @TemplateData
    public record DrlRule(String name, String description, String salience, String source) {
    }

    @TemplateData
    public record OtherFile(String path, String sha256, int bytes) {
    }
}
