package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;


/**
 * An explanation only the decision log wants is not collected once it is certainly larger than the log keeps
 * (each matched table takes more than {@value DecisionRecord#MIN_TABLE_MATCH_BYTES} bytes of JSON); one the
 * caller asked for ({@code ?explain=true}) always is.
 */
class ExplanationBoundTest {

    @Test
    void theLogsOwnExplanationStopsOnceItsTablesCannotFitTheBound() {
        DecisionRecord record = new DecisionRecord();
        record.explainForLog();
        record.explanationForLogOnly(10 * DecisionRecord.MIN_TABLE_MATCH_BYTES);

        record.expectTables(10); // 10 tables of at least 64 bytes may still fit 640 bytes
        assertThat(record.explaining()).isTrue();
        assertThat(record.explanationOmitted()).isFalse();

        record.expectTables(1); // 11 cannot
        assertThat(record.explaining()).isFalse();
        assertThat(record.explanationOmitted()).isTrue();
    }

    @Test
    void anExplanationTheCallerAskedForIsAlwaysCollected() {
        DecisionRecord record = new DecisionRecord();
        record.explainForLog();
        record.explanationForLogOnly(DecisionRecord.MIN_TABLE_MATCH_BYTES); // the log's bound, set for every call
        record.explanationAsked(true); // ?explain=true (read before or after the bound): never bounded
        record.expectTables(1_000_000_000L);
        assertThat(record.explaining()).isTrue();
        assertThat(record.explanationOmitted()).isFalse();
    }

    @Test
    void noBoundNoOmission() {
        DecisionRecord record = new DecisionRecord();
        record.explainForLog();
        record.explanationForLogOnly(Long.MAX_VALUE); // pbm.decision-log.max-body-bytes=-1 keeps everything
        record.expectTables(1_000_000_000L);
        assertThat(record.explaining()).isTrue();
    }
}
