package cn.pbm.workbench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import cn.pbm.workbench.RuleTables.Column;
import cn.pbm.workbench.RuleTables.DrlRule;
import cn.pbm.workbench.RuleTables.Row;
import cn.pbm.workbench.RuleTables.RulesetView;
import cn.pbm.workbench.RuleTables.TableView;
import io.quarkus.qute.TemplateData;

/**
 * The cell-by-cell difference between two deployed versions of a rule set. Tables are paired by the decision
 * (or knowledge model) they belong to, so two versions kept in different files (disclosure-kinds-2015.dmn and
 * disclosure-kinds.dmn) still compare table by table; rows and columns by position, as the engine numbers them.
 * DRL rules are paired by name; other files (calendars, counting rules) by path and hash.
 */
public final class VersionDiff {

    public enum Status {
        SAME, CHANGED, ADDED, REMOVED
    }

    private VersionDiff() {
    }

    public static Result between(RulesetView from, RulesetView to) {
        Map<String, TableView> left = tablesByKey(from);
        Map<String, TableView> right = tablesByKey(to);
        Set<String> keys = new LinkedHashSet<>(left.keySet());
        keys.addAll(right.keySet());
        List<TableDiff> tables = new ArrayList<>();
        for (String key : keys) {
            tables.add(table(left.get(key), right.get(key)));
        }
        Map<String, DrlRule> leftRules = rulesByName(from);
        Map<String, DrlRule> rightRules = rulesByName(to);
        Set<String> names = new LinkedHashSet<>(leftRules.keySet());
        names.addAll(rightRules.keySet());
        List<RuleDiff> rules = new ArrayList<>();
        for (String name : names) {
            DrlRule a = leftRules.get(name);
            DrlRule b = rightRules.get(name);
            Status status = a == null ? Status.ADDED : b == null ? Status.REMOVED
                    : Objects.equals(a.source(), b.source()) ? Status.SAME : Status.CHANGED;
            rules.add(new RuleDiff(name, status, a == null ? null : a.description(),
                    b == null ? null : b.description(), a == null ? null : a.source(), b == null ? null : b.source()));
        }
        Map<String, String> leftFiles = new LinkedHashMap<>();
        from.otherFiles().forEach(f -> leftFiles.put(f.path(), f.sha256()));
        Map<String, String> rightFiles = new LinkedHashMap<>();
        to.otherFiles().forEach(f -> rightFiles.put(f.path(), f.sha256()));
        Set<String> paths = new LinkedHashSet<>(leftFiles.keySet());
        paths.addAll(rightFiles.keySet());
        List<FileDiff> files = new ArrayList<>();
        for (String path : paths) {
            String a = leftFiles.get(path);
            String b = rightFiles.get(path);
            files.add(new FileDiff(path, a == null ? Status.ADDED : b == null ? Status.REMOVED
                    : a.equals(b) ? Status.SAME : Status.CHANGED, a, b));
        }
        int changedCells = tables.stream().mapToInt(TableDiff::changedCells).sum();
        return new Result(from.version(), to.version(), List.copyOf(tables), List.copyOf(rules), List.copyOf(files),
                changedCells);
    }

    private static Map<String, TableView> tablesByKey(RulesetView view) {
        Map<String, TableView> tables = new LinkedHashMap<>();
        view.dmnFiles().forEach(file -> file.tables().forEach(t -> {
            String key = t.decision();
            int n = 1;
            while (tables.containsKey(key)) {
                key = t.decision() + "#" + (++n);
            }
            tables.put(key, t);
        }));
        return tables;
    }

    private static Map<String, DrlRule> rulesByName(RulesetView view) {
        Map<String, DrlRule> rules = new LinkedHashMap<>();
        view.drlFiles().forEach(file -> file.rules().forEach(r -> rules.put(r.name(), r)));
        return rules;
    }

    static TableDiff table(TableView a, TableView b) {
        TableView any = b != null ? b : a;
        List<String> columns = new ArrayList<>();
        List<String> headerChanges = new ArrayList<>();
        int inputs = Math.max(a == null ? 0 : a.inputs().size(), b == null ? 0 : b.inputs().size());
        int outputs = Math.max(a == null ? 0 : a.outputs().size(), b == null ? 0 : b.outputs().size());
        for (int i = 0; i < inputs; i++) {
            columns.add(header(a == null ? null : at(a.inputs(), i), b == null ? null : at(b.inputs(), i),
                    "输入 input " + (i + 1), headerChanges));
        }
        for (int i = 0; i < outputs; i++) {
            columns.add(header(a == null ? null : at(a.outputs(), i), b == null ? null : at(b.outputs(), i),
                    "输出 output " + (i + 1), headerChanges));
        }
        columns.add("依据 annotation");
        if (a != null && b != null && !a.hitPolicy().equals(b.hitPolicy())) {
            headerChanges.add("命中策略 hit policy: " + a.hitPolicy() + " → " + b.hitPolicy());
        }
        int rowCount = Math.max(a == null ? 0 : a.rows().size(), b == null ? 0 : b.rows().size());
        List<RowDiff> rows = new ArrayList<>();
        int changedCells = 0;
        for (int r = 0; r < rowCount; r++) {
            Row left = a == null ? null : at(a.rows(), r);
            Row right = b == null ? null : at(b.rows(), r);
            List<CellDiff> cells = new ArrayList<>();
            for (int i = 0; i < inputs; i++) {
                cells.add(cell(left == null ? null : textAt(left.inputs(), i), right == null ? null : textAt(right.inputs(), i)));
            }
            for (int i = 0; i < outputs; i++) {
                cells.add(cell(left == null ? null : textAt(left.outputs(), i), right == null ? null : textAt(right.outputs(), i)));
            }
            cells.add(cell(left == null ? null : String.join(" | ", left.annotations()),
                    right == null ? null : String.join(" | ", right.annotations())));
            long changed = cells.stream().filter(CellDiff::changed).count();
            changedCells += (int) changed;
            Status status = left == null ? Status.ADDED : right == null ? Status.REMOVED
                    : changed > 0 ? Status.CHANGED : Status.SAME;
            rows.add(new RowDiff(r + 1, status, List.copyOf(cells)));
        }
        Status status = a == null ? Status.ADDED : b == null ? Status.REMOVED
                : changedCells > 0 || !headerChanges.isEmpty() ? Status.CHANGED : Status.SAME;
        return new TableDiff(any.decision(), any.label(), a == null ? null : a.path(), b == null ? null : b.path(),
                a == null ? null : a.hitPolicy(), b == null ? null : b.hitPolicy(), status, List.copyOf(columns),
                List.copyOf(headerChanges), List.copyOf(rows), changedCells);
    }

    private static String header(Column a, Column b, String position, List<String> changes) {
        String left = a == null ? null : a.label() + " (" + a.expression() + ")";
        String right = b == null ? null : b.label() + " (" + b.expression() + ")";
        if (!Objects.equals(left, right)) {
            changes.add(position + ": " + (left == null ? "—" : left) + " → " + (right == null ? "—" : right));
        }
        return (b != null ? b : a).label();
    }

    private static <T> T at(List<T> list, int i) {
        return i < list.size() ? list.get(i) : null;
    }

    private static String textAt(List<RuleTables.Cell> cells, int i) {
        return i < cells.size() ? cells.get(i).text() : null;
    }

    private static CellDiff cell(String from, String to) {
        return new CellDiff(from, to, !Objects.equals(from, to));
    }

    @TemplateData
    public record Result(String from, String to, List<TableDiff> tables, List<RuleDiff> rules, List<FileDiff> files,
            int changedCells) {
    }

    @TemplateData
    public record TableDiff(String decision, String label, String fromPath, String toPath, String fromHitPolicy,
            String toHitPolicy, Status status, List<String> columns, List<String> headerChanges, List<RowDiff> rows,
            int changedCells) {
    }

    @TemplateData
    public record RowDiff(int number, Status status, List<CellDiff> cells) {
    }

    @TemplateData
    public record CellDiff(String from, String to, boolean changed) {
    }

    @TemplateData
    public record RuleDiff(String name, Status status, String fromDescription, String toDescription,
            String fromSource, String toSource) {
    }

    @TemplateData
    public record FileDiff(String path, Status status, String fromSha256, String toSha256) {
    }
}
