package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import cn.pbm.api.model.DecisionLogEntry;

/** The decision log bounds its lines, escapes line separators and sets a torn last line aside. */
class DecisionLogTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());

    @TempDir
    Path dir;

    @Test
    void aTornLastLineIsSetAsideAndTheLogTruncatedToWholeLines() throws Exception {
        Path log = dir.resolve("decisions.log");
        String whole = "{\"decisionId\":\"a\"}\n{\"decisionId\":\"b\"}\n";
        Files.writeString(log, whole + "{\"decisionId\":\"c\",\"input\":{\"projects\":[{\"pro");
        Optional<Path> torn = DecisionLog.setAsideTornLine(log);
        assertThat(torn).isPresent();
        assertThat(Files.readString(log)).isEqualTo(whole);
        assertThat(Files.readString(torn.get())).isEqualTo("{\"decisionId\":\"c\",\"input\":{\"projects\":[{\"pro");

        // the next start appends after whole lines
        DecisionLog decisionLog = new DecisionLog(MAPPER, true, Optional.of(log.toString()), -1);
        decisionLog.write(entry(), Map.of("score", 85), Map.of("grade", "GOOD"), null);
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(3);
        for (String line : lines) {
            MAPPER.readTree(line);
        }
        assertThat(DecisionLog.setAsideTornLine(log)).isEmpty();
    }

    @Test
    void aTornLogWithoutAnyWholeLineIsSetAsideWhole() throws Exception {
        Path log = dir.resolve("decisions.log");
        Files.writeString(log, "{\"decisionId\":\"c\",\"in");
        assertThat(DecisionLog.setAsideTornLine(log)).isPresent();
        assertThat(Files.size(log)).isZero();
    }

    @Test
    void aLargeInputOrOutputIsKeptAsItsHashOnly() throws Exception {
        Path log = dir.resolve("decisions.log");
        DecisionLog decisionLog = new DecisionLog(MAPPER, true, Optional.of(log.toString()), 100);
        Map<String, Object> input = Map.of("projects", List.of("x".repeat(500)));
        decisionLog.write(entry(), input, answer("d-1"), null);
        decisionLog.write(entry(), Map.of("score", 85), Map.of("grade", "GOOD"), null);
        List<String> lines = Files.readAllLines(log);
        JsonNode big = MAPPER.readTree(lines.get(0));
        assertThat(lines.get(0).length()).isLessThan(1000);
        assertThat(big.has("input")).isFalse();
        assertThat(big.has("output")).isFalse();
        assertThat(big.get("omitted").toString()).isEqualTo("[\"input\",\"output\"]");
        assertThat(big.get("inputSha256").asText()).isEqualTo(decisionLog.sha256(input));
        assertThat(big.get("inputBytes").asLong()).isGreaterThan(500);
        // the answer's hash leaves its decision id out, so a replay (new id) can be compared with it
        assertThat(big.get("outputSha256").asText()).isEqualTo(decisionLog.sha256WithoutDecisionId(answer("d-2")));
        JsonNode small = MAPPER.readTree(lines.get(1));
        assertThat(small.get("input").get("score").asInt()).isEqualTo(85);
        assertThat(small.get("output").get("grade").asText()).isEqualTo("GOOD");
        assertThat(small.has("omitted")).isFalse();
        assertThat(small.get("inputSha256").asText()).hasSize(64);
    }

    @Test
    void lineSeparatorsAreEscaped() throws Exception {
        Path log = dir.resolve("decisions.log");
        DecisionLog decisionLog = new DecisionLog(MAPPER, true, Optional.of(log.toString()), -1);
        decisionLog.write(entry(), Map.of("name", "a\u2028b\u2029c\u0085d"), Map.of("grade", "GOOD"), null);
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\u2028").doesNotContain("\u2029").doesNotContain("\u0085")
                .contains("a\\u2028b\\u2029c\\u0085d");
        assertThat(MAPPER.readTree(text).get("input").get("name").asText()).isEqualTo("a\u2028b\u2029c\u0085d");
    }

    private static Map<String, Object> answer(String decisionId) {
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("decisionId", decisionId);
        answer.put("results", List.of("y".repeat(500)));
        return answer;
    }

    private static DecisionLogEntry entry() {
        return new DecisionLogEntry().decisionId(UUID.randomUUID()).endpoint("/api/v1/grading/evaluation")
                .status(200).outcome(DecisionLogEntry.OutcomeEnum.DECIDED);
    }
}
