package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import cn.pbm.api.model.DecisionLogEntry;

/**
 * Issue 19: {@link DecisionLog#write} hands back the answer's JSON as the line keeps it when those are the bytes the
 * mapper writes for the answer itself, for {@link AuditTrail} to send as the HTTP body; and nothing when they are
 * not (a character only the log escapes) or when the line does not keep the answer (over the bound).
 */
class DecisionLogAnswerBytesTest {

    @TempDir
    Path dir;

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private byte[] written(long bound, Object output) throws Exception {
        Path file = Files.createTempFile(dir, "decisions", ".log");
        DecisionLog log = new DecisionLog(MAPPER, true, Optional.of(file.toString()), bound);
        byte[] answer = log.write(new DecisionLogEntry().endpoint("/api/v1/monitoring/warnings"),
                Map.of("asOf", "2023-10-31"), output, null, false);
        log.close();
        return answer;
    }

    private static Map<String, Object> output(String projectId) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("decisionId", "8902f6d0-1a24-4296-9f8d-db9c64bdea3f");
        output.put("results", List.of(Map.of("projectId", projectId, "timeProgress", new BigDecimal("0.8329"),
                "label", "督促加快支出进度 \"引号\" \\ 反斜杠")));
        return output;
    }

    @Test
    void aKeptAnswerComesBackAsTheMapperWritesIt() throws Exception {
        Map<String, Object> output = output("XY-2023-0001");
        assertThat(new String(written(1_048_576, output), StandardCharsets.UTF_8))
                .isEqualTo(MAPPER.writeValueAsString(output));
        assertThat(written(-1, output)).isEqualTo(MAPPER.writeValueAsBytes(output));
    }

    @Test
    void notWhenTheLogEscapedWhatTheMapperWritesPlain() throws Exception {
        assertThat(written(1_048_576, output("XY\u20282023"))).isNull();
        assertThat(written(1_048_576, output("XY\u20292023"))).isNull();
        assertThat(written(1_048_576, output("XY\u00852023"))).isNull();
        // the same six characters as text (a backslash before them, which both escape alike): the mapper's own bytes
        assertThat(written(1_048_576, output("XY\\u2028"))).isEqualTo(MAPPER.writeValueAsBytes(output("XY\\u2028")));
    }

    @Test
    void notWhenTheLogEscapedANameEither() throws Exception {
        Map<String, Object> output = new LinkedHashMap<>(output("XY-2023-0001"));
        output.put("名\u2028称", "值");
        assertThat(written(1_048_576, output)).isNull();
    }

    @Test
    void notWhenTheLineLeavesTheAnswerOut() throws Exception {
        assertThat(written(100, output("XY-2023-0001"))).isNull();
    }
}
