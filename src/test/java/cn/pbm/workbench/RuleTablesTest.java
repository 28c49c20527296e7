package cn.pbm.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import cn.pbm.platform.Ruleset;
import cn.pbm.platform.RulesetCatalog;

/**
 * What the pages render from KIE's DMN model agrees with the files themselves, counted here with a plain XML
 * parser: every table of every deployed DMN file, every row, every entry and annotation; every DRL rule has a
 * description.
 */
class RuleTablesTest {

    private final RulesetCatalog catalog = new RulesetCatalog();

    @Test
    void everyDeployedTableIsRenderedWithEveryRowAndCell() throws Exception {
        int tables = 0;
        for (Ruleset ruleset : catalog.all()) {
            RuleTables.RulesetView view = RuleTables.read(ruleset);
            for (Ruleset.RuleFile file : ruleset.files()) {
                if (!file.path().endsWith(".dmn")) {
                    continue;
                }
                RuleTables.DmnFile rendered = view.dmnFiles().stream().filter(f -> f.path().equals(file.path()))
                        .findFirst().orElseThrow();
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                Document xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(file.content()));
                NodeList decisionTables = xml.getElementsByTagNameNS("*", "decisionTable");
                assertThat(rendered.tables()).as(file.path()).hasSize(decisionTables.getLength());
                for (int t = 0; t < decisionTables.getLength(); t++) {
                    Element table = (Element) decisionTables.item(t);
                    RuleTables.TableView view1 = rendered.tables().stream()
                            .filter(v -> v.tableId().equals(table.getAttribute("id"))).findFirst().orElseThrow();
                    List<Element> rules = children(table, "rule");
                    assertThat(view1.rows()).as(file.path() + " " + view1.decision()).hasSize(rules.size());
                    assertThat(view1.inputs()).hasSize(children(table, "input").size());
                    assertThat(view1.outputs()).hasSize(children(table, "output").size());
                    for (int r = 0; r < rules.size(); r++) {
                        RuleTables.Row row = view1.rows().get(r);
                        assertThat(row.number()).isEqualTo(r + 1);
                        List<Element> inputs = children(rules.get(r), "inputEntry");
                        List<Element> outputs = children(rules.get(r), "outputEntry");
                        for (int c = 0; c < inputs.size(); c++) {
                            assertThat(row.inputs().get(c).text()).isEqualTo(inputs.get(c).getTextContent().strip());
                        }
                        for (int c = 0; c < outputs.size(); c++) {
                            assertThat(row.outputs().get(c).text()).isEqualTo(outputs.get(c).getTextContent().strip());
                        }
                        assertThat(row.annotations()).as(file.path() + " " + view1.decision() + " row " + (r + 1)
                                + " cites a source").isNotEmpty().allMatch(a -> !a.isBlank());
                    }
                    tables++;
                }
            }
            view.drlFiles().forEach(drl -> assertThat(drl.rules()).isNotEmpty()
                    .allSatisfy(rule -> assertThat(rule.description()).as(drl.path() + " " + rule.name()).isNotBlank()));
        }
        assertThat(tables).isGreaterThan(30);
    }

    @Test
    void twoVersionsInDifferentFilesCompareTableByTable() {
        RuleTables.RulesetView v1 = RuleTables.read(catalog.version("disclosure.deadlines", "1.2.0").orElseThrow());
        RuleTables.RulesetView v2 = RuleTables.read(catalog.version("disclosure.deadlines", "2.2.0").orElseThrow());
        VersionDiff.Result diff = VersionDiff.between(v1, v2);
        assertThat(diff.tables()).hasSize(1);
        assertThat(diff.tables().get(0).status()).isEqualTo(VersionDiff.Status.CHANGED);
        assertThat(diff.changedCells()).isPositive();
        // a version compared with itself has no difference
        assertThat(VersionDiff.between(v2, v2).changedCells()).isZero();
        assertThat(VersionDiff.between(v2, v2).tables()).allMatch(t -> t.status() == VersionDiff.Status.SAME);
    }

    @Test
    void aChangedBandEdgeIsOneChangedCell() {
        Ruleset deployed = catalog.version("warning.execution-monitoring", "2.0.0").orElseThrow();
        RuleTables.RulesetView before = RuleTables.read(deployed);
        String xml = new String(deployed.files().get(0).content(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("<inputEntry id=\"_mon_el_r1_i1\"><text>&gt;= 20</text>", "<inputEntry id=\"_mon_el_r1_i1\"><text>&gt;= 15</text>");
        RuleTables.DmnFile edited = RuleTables.readDmn(deployed.files().get(0).path(), xml);
        RuleTables.RulesetView after = new RuleTables.RulesetView(before.id(), "candidate", List.of(edited),
                before.drlFiles(), before.otherFiles());
        VersionDiff.Result diff = VersionDiff.between(before, after);
        assertThat(diff.changedCells()).isEqualTo(1);
        VersionDiff.TableDiff execution = diff.tables().stream().filter(t -> t.decision().equals("executionLight"))
                .findFirst().orElseThrow();
        assertThat(execution.rows().get(0).cells().get(0)).isEqualTo(new VersionDiff.CellDiff(">= 20", ">= 15", true));
    }

    private static List<Element> children(Element parent, String localName) {
        java.util.ArrayList<Element> list = new java.util.ArrayList<>();
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                list.add(e);
            }
        }
        return list;
    }
}
