package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNMessageType;
import org.kie.dmn.model.api.DMNModelInstrumentedBase;
import org.kie.dmn.model.api.Decision;
import org.kie.dmn.validation.DMNValidator;
import org.kie.dmn.validation.DMNValidatorFactory;

/**
 * The build's decision-table check: a gap or an overlap in a UNIQUE or ANY table of dmn/ fails the build,
 * naming the file, the table and the rows. The KIE analyser finds them; this test turns its findings into
 * failures, and proves it catches a deliberately broken table.
 */
class DecisionTableAnalysisTest {

    /** Gaps and overlaps as the analyser reports them for UNIQUE and ANY tables (other hit policies may overlap). */
    static final Set<DMNMessageType> DEFECTS = EnumSet.of(DMNMessageType.DECISION_TABLE_GAP,
            DMNMessageType.DECISION_TABLE_OVERLAP_HITPOLICY_UNIQUE, DMNMessageType.DECISION_TABLE_OVERLAP_HITPOLICY_ANY,
            DMNMessageType.DECISION_TABLE_ANALYSIS_ERROR);

    private static final DMNValidator VALIDATOR = DMNValidatorFactory.newValidator(List.of());

    @AfterAll
    static void dispose() {
        VALIDATOR.dispose();
    }

    @Test
    void everyTableInDmnIsCompleteAndUnambiguous() throws IOException {
        List<Path> models;
        try (Stream<Path> walk = Files.walk(Path.of("dmn"))) {
            models = walk.filter(p -> p.toString().endsWith(".dmn")).sorted().toList();
        }
        assertThat(models).isNotEmpty();
        List<String> defects = new ArrayList<>();
        for (Path model : models) {
            defects.addAll(defects(model.toFile()));
        }
        if (!defects.isEmpty()) {
            fail("decision tables with gaps or overlaps:\n" + String.join("\n", defects));
        }
    }

    @Test
    void aTableWithAGapAndAnOverlapIsCaught() {
        List<String> defects = defects(new File("src/test/resources/broken-tables/gap-and-overlap.dmn.xml"));

        assertThat(defects).anySatisfy(d -> assertThat(d)
                .contains("gap-and-overlap.dmn.xml").contains("绩效评价等级").contains("Gap detected").contains("[ 70 .. 80 )"));
        assertThat(defects).anySatisfy(d -> assertThat(d)
                .contains("绩效评价等级").contains("Overlap detected").contains("[ 90 ]").contains("rules: [2, 1]"));
    }

    static List<String> defects(File model) {
        List<DMNMessage> messages = VALIDATOR
                .validateUsing(DMNValidator.Validation.VALIDATE_MODEL, DMNValidator.Validation.ANALYZE_DECISION_TABLE)
                .theseModels(model);
        List<String> defects = new ArrayList<>();
        for (DMNMessage message : messages) {
            boolean error = message.getSeverity() == DMNMessage.Severity.ERROR;
            if (DEFECTS.contains(message.getMessageType()) || error) {
                defects.add(model.getPath() + ": table " + tableName(message) + ": " + message.getText());
            }
        }
        return defects;
    }

    /** The decision that owns the table, as the policy officer sees it in the editor: label (name). */
    static String tableName(DMNMessage message) {
        Object source = message.getSourceReference();
        while (source instanceof DMNModelInstrumentedBase element) {
            if (element instanceof Decision decision) {
                return "「" + (decision.getLabel() != null ? decision.getLabel() : decision.getName()) + "」("
                        + decision.getName() + ", table id " + message.getSourceId() + ")";
            }
            source = element.getParent();
        }
        return "(id " + message.getSourceId() + ")";
    }
}
