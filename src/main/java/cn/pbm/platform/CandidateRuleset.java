package cn.pbm.platform;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNMessageType;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNType;
import org.kie.dmn.api.core.ast.DecisionNode;
import org.kie.dmn.api.core.ast.InputDataNode;
import org.kie.dmn.model.api.DMNModelInstrumentedBase;
import org.kie.dmn.model.api.Decision;
import org.kie.dmn.validation.DMNValidator;
import org.kie.dmn.validation.DMNValidatorFactory;
import org.kie.dmn.validation.dtanalysis.DMNDTAnalysisMessage;

import cn.pbm.api.model.CompileMessage;
import cn.pbm.api.model.FieldError;
import cn.pbm.api.model.TableFinding;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Builds a simulation's candidate from a deployed version (the baseline) and the rule files a policy officer sent:
 * each sent file replaces the baseline's file of the same path; only DMN files (a DRL rule's consequence is Java).
 * The candidate is hashed as {@link RulesetCatalog} hashes a deployed version, compiled in memory by
 * {@link DecisionEngine} (never added to the deployed models), held to the baseline's contract (the names and
 * types of its input data and decisions), and its tables analysed by KIE's own decision-table analysis
 * (kie-dmn-validation): an overlap in a UNIQUE or ANY table, or a validation error, refuses it (422).
 */
@ApplicationScoped
public class CandidateRuleset {

    /** A compiled candidate: the rule set it would be, its compiled model (for this call only) and its report. */
    record Candidate(Ruleset ruleset, Object model, List<CompileMessage> messages, List<TableFinding> analysis) {
    }

    /** A candidate the service refuses: 422 (400 for a file over the size limit) naming each offending field. */
    static final class Refused extends RuntimeException {
        final int status;
        final List<FieldError> errors;

        Refused(int status, String detail, List<FieldError> errors) {
            super(detail);
            this.status = status;
            this.errors = List.copyOf(errors);
        }
    }

    private static final java.util.Set<DMNMessageType> OVERLAPS = java.util.EnumSet.of(
            DMNMessageType.DECISION_TABLE_OVERLAP_HITPOLICY_UNIQUE, DMNMessageType.DECISION_TABLE_OVERLAP_HITPOLICY_ANY);

    private final DecisionEngine engine;
    private final long maxFileBytes;
    private final DMNValidator validator = DMNValidatorFactory.newValidator(List.of());

    public CandidateRuleset(DecisionEngine engine, PbmConfig config) {
        this.engine = engine;
        this.maxFileBytes = config.simulation().maxFileBytes();
    }

    @PreDestroy
    void dispose() {
        validator.dispose();
    }

    static String pointer(String path) {
        return "/candidate/files/" + Problems.token(path);
    }

    Candidate build(Ruleset baseline, Map<String, String> sent) {
        Map<String, String> files = new TreeMap<>(sent == null ? Map.of() : sent);
        List<FieldError> refused = new ArrayList<>();
        List<FieldError> tooLarge = new ArrayList<>();
        Map<String, Ruleset.RuleFile> baselineFiles = new LinkedHashMap<>();
        baseline.files().forEach(f -> baselineFiles.put(f.path(), f));
        for (Map.Entry<String, String> file : files.entrySet()) {
            String path = file.getKey();
            String at = pointer(path);
            if (file.getValue() == null) {
                refused.add(Problems.field(at, "must be the whole file as a string"));
            } else if (path.endsWith(".drl")) {
                refused.add(Problems.field(at, "DRL files cannot be simulated: a rule's consequence is Java code, "
                        + "which the service does not run from a request. Only DMN files of the rule set."));
            } else if (!baselineFiles.containsKey(path)) {
                refused.add(Problems.field(at, "not a file of rule set " + baseline.id() + " " + baseline.version()
                        + " (its files: " + String.join(", ", baselineFiles.keySet()) + ")"));
            } else if (!path.endsWith(".dmn")) {
                refused.add(Problems.field(at, "only DMN files (.dmn) can be simulated"));
            } else if (file.getValue().getBytes(StandardCharsets.UTF_8).length > maxFileBytes) {
                tooLarge.add(Problems.field(at, "larger than pbm.simulation.max-file-bytes (" + maxFileBytes
                        + " bytes)"));
            } else if (file.getValue().contains("<!DOCTYPE") || file.getValue().contains("<!ENTITY")) {
                refused.add(Problems.field(at, "a DMN file has no document type or entity declarations"));
            }
        }
        if (!tooLarge.isEmpty()) {
            throw new Refused(400, "A candidate file is too large.", tooLarge);
        }
        if (!refused.isEmpty()) {
            throw new Refused(422, "The candidate cannot be simulated.", refused);
        }
        List<Ruleset.RuleFile> candidateFiles = new ArrayList<>();
        for (Ruleset.RuleFile file : baseline.files()) {
            String replaced = files.get(file.path());
            if (replaced == null) {
                candidateFiles.add(file);
            } else {
                byte[] content = replaced.getBytes(StandardCharsets.UTF_8);
                candidateFiles.add(new Ruleset.RuleFile(file.path(), content, RulesetCatalog.sha256(content)));
            }
        }
        Ruleset candidate = new Ruleset(baseline.id(), baseline.title(), baseline.version() + "-candidate",
                baseline.effectiveFrom(), baseline.effectiveTo(), List.copyOf(candidateFiles), baseline.source(),
                "simulation candidate", RulesetCatalog.combinedHash(candidateFiles), baseline.jurisdiction());
        List<Ruleset.RuleFile> dmn = candidateFiles.stream().filter(f -> f.path().endsWith(".dmn")).toList();
        if (dmn.size() != 1) {
            throw new Refused(422, "Only a rule set with one DMN model can be simulated.",
                    List.of(Problems.field("/rulesetId", "rule set " + baseline.id() + " has " + dmn.size()
                            + " DMN files; simulations need exactly one")));
        }
        Ruleset.RuleFile model = dmn.get(0);
        String at = pointer(model.path());
        String xml = new String(model.content(), StandardCharsets.UTF_8);

        Object compiled;
        try {
            compiled = engine.compileCandidate(candidate, model);
        } catch (RuntimeException e) {
            throw new Refused(422, "The candidate does not compile.", List.of(Problems.field(at, messages(e))));
        }
        DMNModel candidateModel = DecisionEngine.modelOf(compiled);
        List<CompileMessage> messages = new ArrayList<>();
        for (DMNMessage message : candidateModel.getMessages()) {
            messages.add(new CompileMessage().severity(CompileMessage.SeverityEnum.fromValue(message.getSeverity().name()))
                    .message(message.getText())._file(model.path()));
        }

        DMNModel baselineModel = engine.deployedModel(baseline);
        if (baselineModel != null) {
            List<FieldError> contract = contractChanges(baselineModel, candidateModel, at);
            if (!contract.isEmpty()) {
                throw new Refused(422, "The candidate's inputs or outputs differ from the baseline's: the endpoint's "
                        + "contract would break.", contract);
            }
        }

        List<DMNMessage> findings;
        synchronized (validator) {
            findings = validator.validateUsing(DMNValidator.Validation.VALIDATE_MODEL,
                    DMNValidator.Validation.ANALYZE_DECISION_TABLE).theseModels(new StringReader(xml));
        }
        List<TableFinding> analysis = new ArrayList<>();
        List<FieldError> defects = new ArrayList<>();
        int overlaps = 0;
        for (DMNMessage finding : findings) {
            List<Integer> rows = finding instanceof DMNDTAnalysisMessage dt && dt.getRules() != null
                    ? rows(dt.getRules()) : List.of();
            String table = tableName(finding);
            if (OVERLAPS.contains(finding.getMessageType())) { // listed first: the rows to look at
                defects.add(overlaps++, Problems.field(at, "table " + table + ": rows " + rows + " overlap: "
                        + finding.getText()));
            } else if (finding.getSeverity() == DMNMessage.Severity.ERROR) {
                defects.add(Problems.field(at, (table == null ? "" : "table " + table + ": ") + finding.getText()));
            } else if (finding.getMessageType() == DMNMessageType.DECISION_TABLE_ANALYSIS
                    || finding.getMessageType() == DMNMessageType.DECISION_TABLE_ANALYSIS_EMPTY) {
                continue; // "analysis finished with no messages": nothing to report
            } else if (finding.getMessageType() != null && finding.getMessageType().name().startsWith("DECISION_TABLE")) {
                analysis.add(new TableFinding()._file(model.path()).table(table).kind(kind(finding.getMessageType()))
                        .rows(rows).message(finding.getText()));
            } else {
                messages.add(new CompileMessage().severity(CompileMessage.SeverityEnum.fromValue(finding.getSeverity().name()))
                        .message(finding.getText())._file(model.path()));
            }
        }
        if (!defects.isEmpty()) {
            throw new Refused(422, "The candidate's decision tables are not unambiguous (KIE decision-table analysis).",
                    defects);
        }
        return new Candidate(candidate, compiled, messages, analysis);
    }

    private static List<Integer> rows(Collection<Integer> rules) {
        return rules.stream().sorted().toList();
    }

    private static TableFinding.KindEnum kind(DMNMessageType type) {
        return switch (type) {
            case DECISION_TABLE_GAP -> TableFinding.KindEnum.GAP;
            case DECISION_TABLE_OVERLAP, DECISION_TABLE_OVERLAP_HITPOLICY_UNIQUE, DECISION_TABLE_OVERLAP_HITPOLICY_ANY -> TableFinding.KindEnum.OVERLAP;
            case DECISION_TABLE_MASKED_RULE -> TableFinding.KindEnum.MASKED_RULE;
            case DECISION_TABLE_SUBSUMPTION_RULE -> TableFinding.KindEnum.SUBSUMPTION;
            default -> TableFinding.KindEnum.OTHER;
        };
    }

    /** The decision that owns the table, as the editor shows it: label (name). */
    static String tableName(DMNMessage message) {
        Object source = message.getSourceReference();
        while (source instanceof DMNModelInstrumentedBase element) {
            if (element instanceof Decision decision) {
                return "「" + (decision.getLabel() != null ? decision.getLabel() : decision.getName()) + "」("
                        + decision.getName() + ")";
            }
            if (element instanceof org.kie.dmn.model.api.BusinessKnowledgeModel bkm) {
                return "「" + (bkm.getLabel() != null ? bkm.getLabel() : bkm.getName()) + "」(" + bkm.getName() + ")";
            }
            source = element.getParent();
        }
        return null;
    }

    /** The messages along an exception's causes (the compiler's own texts). */
    private static String messages(Throwable e) {
        List<String> texts = new ArrayList<>();
        for (Throwable t = e; t != null && texts.size() < 10; t = t.getCause()) {
            if (t.getMessage() != null && !texts.contains(t.getMessage())) {
                texts.add(t.getMessage());
            }
        }
        return texts.isEmpty() ? "does not compile as DMN" : String.join("; ", texts);
    }

    /** Input data and decisions (name → type) of the baseline that the candidate does not have alike, and new ones. */
    static List<FieldError> contractChanges(DMNModel baseline, DMNModel candidate, String at) {
        List<FieldError> errors = new ArrayList<>();
        compare("input data", inputs(baseline), inputs(candidate), at, errors);
        compare("decision", decisions(baseline), decisions(candidate), at, errors);
        return errors;
    }

    private static void compare(String kind, Map<String, String> baseline, Map<String, String> candidate, String at,
            List<FieldError> errors) {
        baseline.forEach((name, type) -> {
            String other = candidate.get(name);
            if (other == null) {
                errors.add(Problems.field(at, kind + " '" + name + "' (" + type + ") of the baseline is missing"));
            } else if (!other.equals(type)) {
                errors.add(Problems.field(at, kind + " '" + name + "' changes type: baseline " + type + ", candidate "
                        + other));
            }
        });
        candidate.forEach((name, type) -> {
            if (!baseline.containsKey(name)) {
                errors.add(Problems.field(at, kind + " '" + name + "' (" + type + ") is not in the baseline"));
            }
        });
    }

    private static Map<String, String> inputs(DMNModel model) {
        Map<String, String> inputs = new TreeMap<>();
        for (InputDataNode node : model.getInputs()) {
            inputs.put(node.getName(), describe(node.getType(), 0));
        }
        return inputs;
    }

    private static Map<String, String> decisions(DMNModel model) {
        Map<String, String> decisions = new TreeMap<>();
        for (DecisionNode node : model.getDecisions()) {
            decisions.put(node.getName(), describe(node.getResultType(), 0));
        }
        return decisions;
    }

    /** A type as the contract sees it: its name, a list's element, a structure's fields (names and types). */
    static String describe(DMNType type, int depth) {
        if (type == null) {
            return "Any";
        }
        StringBuilder text = new StringBuilder(type.getName() == null ? "?" : type.getName());
        if (type.isCollection()) {
            text.append(" list");
        }
        if (type.isComposite() && depth < 4) {
            text.append(" {");
            new TreeMap<>(type.getFields()).forEach((name, field) -> text.append(name).append(": ")
                    .append(describe(field, depth + 1)).append("; "));
            text.append('}');
        } else if (type.getBaseType() != null && depth < 4 && !type.isComposite()) {
            text.append(" < ").append(describe(type.getBaseType(), depth + 1));
        }
        return text.toString();
    }
}
