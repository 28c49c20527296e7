package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import cn.pbm.api.model.FiredRule;
import cn.pbm.api.model.TableMatch;

/**
 * An explanation only the decision log wants is not collected once it is certainly larger than the log keeps
 * (each matched table takes more than {@value DecisionRecord#MIN_TABLE_MATCH_BYTES} bytes of JSON); one the
 * caller asked for ({@code ?explain=true}) always is.
 */
class ExplanationBoundTest {

    @Test
    void theLogsOwnExplanationStopsOnceItsTablesCannotFitTheBound() {
        DecisionRecord record = new DecisionRecord();
        record.explaining(true);
        record.explanationForLogOnly(10 * DecisionRecord.MIN_TABLE_MATCH_BYTES);
        record.matched(new TableMatch().decision("a"));
        record.fired(new FiredRule().name("r"));

        record.expectTables(10); // 10 tables of at least 64 bytes may still fit 640 bytes
        assertThat(record.explaining()).isTrue();
        assertThat(record.explanationOmitted()).isFalse();

        record.expectTables(1); // 11 cannot
        assertThat(record.explaining()).isFalse();
        assertThat(record.explanationOmitted()).isTrue();
        assertThat(record.tables()).isEmpty();
        assertThat(record.rules()).isEmpty();
    }

    @Test
    void anExplanationTheCallerAskedForIsAlwaysCollected() {
        DecisionRecord record = new DecisionRecord();
        record.explaining(true); // ?explain=true: no bound is set
        record.expectTables(1_000_000_000L);
        assertThat(record.explaining()).isTrue();
        assertThat(record.explanationOmitted()).isFalse();
    }

    @Test
    void noBoundNoOmission() {
        DecisionRecord record = new DecisionRecord();
        record.explaining(true);
        record.explanationForLogOnly(Long.MAX_VALUE); // pbm.decision-log.max-body-bytes=-1 keeps everything
        record.expectTables(1_000_000_000L);
        assertThat(record.explaining()).isTrue();
    }
}
