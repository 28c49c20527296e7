package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import cn.pbm.api.model.Caller;
import cn.pbm.api.model.DecisionLogEntry;
import cn.pbm.api.model.Explanation;
import cn.pbm.api.model.FieldError;
import cn.pbm.api.model.FiredRule;
import cn.pbm.api.model.MatchedRow;
import cn.pbm.api.model.RulesetRef;
import cn.pbm.api.model.TableMatch;

/**
 * Issue 19: the decision log streams its line instead of building a JSON tree of it. Every line is compared byte
 * for byte with the line the tree-built log wrote before (the reference below is that code): kept and omitted
 * bodies, an explanation over the bound, a rejected call with errors, line separators and non-ASCII text, with the
 * service's mapper settings (absent rather than null) and with Jackson's defaults.
 */
class DecisionLogLineTest {

    @TempDir
    Path dir;

    @Test
    void everyLineIsByteForByteTheLineOfTheTreeBuiltLog() throws Exception {
        for (ObjectMapper mapper : List.of(serviceMapper(), defaultMapper())) {
            for (long bound : List.of(-1L, 1_048_576L, 600L, 100L)) {
                assertSameLine(mapper, bound, decided(), input("农村道路养护"), output(3), explanation(2), false);
                assertSameLine(mapper, bound, decided(), input("a\u2028b\u2029c\u0085d"), output(1), null, false);
                assertSameLine(mapper, bound, decided(), input("x".repeat(700)), output(40), explanation(20), false);
                assertSameLine(mapper, bound, decided(), input("y"), output(1), null, true);
                assertSameLine(mapper, bound, rejected(), null, null, null, false);
                assertSameLine(mapper, bound, rejected().errors(null), null, null, null, false);
                assertSameLine(mapper, bound, new DecisionLogEntry().timestamp(at()), input("z"), output(0), null,
                        false);
            }
        }
    }

    /**
     * Issue 19 (the 100k batch): an answer over the bound is serialised once for its size and its hash without the
     * top-level decisionId together (before: once for the size, once more for the hash). The line is the same whether
     * decisionId comes first, in the middle, last or alone, nested decisionIds stay hashed, and for the contract's
     * own answer bean; an answer left empty, or not an object, is hashed as the filter hashes it.
     */
    @Test
    void anAnswerOverTheBoundHasTheSizeAndHashOfTheTwoPassesBefore() throws Exception {
        Map<String, Object> middle = new LinkedHashMap<>();
        middle.put("ruleset", ruleset());
        middle.put("decisionId", "id-in-the-middle");
        middle.put("results", List.of(Map.of("decisionId", "nested", "x", "农村道路".repeat(40))));
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("a", "x".repeat(300));
        last.put("decisionId", "id-last");
        Map<String, Object> alone = new LinkedHashMap<>();
        alone.put("decisionId", "id-alone-" + "9".repeat(40));
        Map<String, Object> without = new LinkedHashMap<>();
        without.put("results", List.of("y".repeat(300)));
        cn.pbm.api.model.MonitoringDecision bean = new cn.pbm.api.model.MonitoringDecision()
                .results(List.of(new cn.pbm.api.model.ProjectWarning().projectId("P-".repeat(200))
                        .timeProgress(new BigDecimal("0.8329"))));
        bean.setDecisionId(java.util.UUID.fromString("8902f6d0-1a24-4296-9f8d-db9c64bdea3f"));
        for (ObjectMapper mapper : List.of(serviceMapper(), defaultMapper())) {
            for (long bound : List.of(10L, 100L)) {
                for (Object output : List.of(middle, last, alone, new LinkedHashMap<>(), without, bean, output(40),
                        List.of(alone, "z".repeat(300)), "w".repeat(300))) {
                    assertSameLine(mapper, bound, decided(), input("y"), output, null, false);
                }
            }
        }
    }

    private void assertSameLine(ObjectMapper mapper, long bound, DecisionLogEntry entry, Object input, Object output,
            Explanation explanation, boolean explanationOmitted) throws Exception {
        Path file = Files.createTempFile(dir, "decisions", ".log");
        DecisionLog log = new DecisionLog(mapper, true, Optional.of(file.toString()), bound);
        String expected = treeBuiltLine(log, mapper, bound < 0 ? Long.MAX_VALUE : bound, copy(mapper, entry), input, output,
                explanation, explanationOmitted);
        log.write(copy(mapper, entry), input, output, explanation, explanationOmitted);
        log.close();
        String written = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(written).isEqualTo(expected + "\n");
        mapper.readTree(written); // one JSON object
    }

    private static DecisionLogEntry copy(ObjectMapper mapper, DecisionLogEntry entry) throws Exception {
        return mapper.readValue(mapper.writeValueAsBytes(entry), DecisionLogEntry.class);
    }

    // ---- the reference: DecisionLog.write as it was before issue 19b (a tree of the entry, bodies as strings) ----

    private static String treeBuiltLine(DecisionLog log, ObjectMapper mapper, long maxBodyBytes, DecisionLogEntry entry, Object input,
            Object output, Explanation explanation, boolean explanationOmitted) throws Exception {
        ObjectNode line = mapper.valueToTree(entry.input(null).output(null).explanation(null));
        JsonNode errors = line.remove("errors");
        line.remove(List.of("input", "output", "explanation", "omitted", "inputSha256", "inputBytes", "outputSha256",
                "outputBytes"));
        List<String> omitted = new ArrayList<>();
        byte[] in = json(mapper, input == null ? Map.of() : input);
        if (input != null) {
            line.put("inputSha256", sha256(in)).put("inputBytes", in.length);
        }
        if (in.length <= maxBodyBytes) {
            line.putRawValue("input", new RawValue(new String(in, StandardCharsets.UTF_8)));
        } else {
            omitted.add("input");
        }
        byte[] out = json(mapper, output == null ? Map.of() : output);
        if (out.length <= maxBodyBytes) {
            line.putRawValue("output", new RawValue(new String(out, StandardCharsets.UTF_8)));
        } else {
            line.put("outputSha256", log.sha256WithoutDecisionId(output)).put("outputBytes", out.length); // unchanged
            omitted.add("output");
        }
        if (explanation != null) {
            byte[] why = json(mapper, compact(mapper, explanation)); // issue 19: the line keeps the compact form
            if (why.length <= maxBodyBytes) {
                line.putRawValue("explanation", new RawValue(new String(why, StandardCharsets.UTF_8)));
            } else {
                omitted.add("explanation");
            }
        } else if (explanationOmitted) {
            omitted.add("explanation");
        }
        if (!omitted.isEmpty()) {
            omitted.forEach(line.putArray("omitted")::add);
        }
        if (errors != null) {
            line.set("errors", errors);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator generator = mapper.getFactory().createGenerator(bytes)) {
            generator.setCharacterEscapes(DecisionLog.LineSafeEscapes.INSTANCE);
            mapper.writeTree(generator, line);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static byte[] json(ObjectMapper mapper, Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator generator = mapper.getFactory().createGenerator(bytes)) {
            generator.setCharacterEscapes(DecisionLog.LineSafeEscapes.INSTANCE);
            mapper.writeValue(generator, value);
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    // ---- calls ----

    private static ObjectMapper serviceMapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    private static ObjectMapper defaultMapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule());
    }

    private static OffsetDateTime at() {
        return OffsetDateTime.of(2026, 12, 2, 1, 15, 55, 837_450_836, ZoneOffset.UTC);
    }

    private static RulesetRef ruleset() {
        return new RulesetRef().id("warning.execution-monitoring").version("2.1.0").sha256("a".repeat(64));
    }

    private static DecisionLogEntry decided() {
        return new DecisionLogEntry().decisionId(UUID.fromString("8902f6d0-1a24-4296-9f8d-db9c64bdea3f"))
                .timestamp(at()).endpoint("/api/v1/monitoring/warnings").status(200)
                .outcome(DecisionLogEntry.OutcomeEnum.DECIDED).rulesets(List.of(ruleset()))
                .caller(new Caller().anonymous(true)).traceId("e76868aa8be64e4d7f1ffeaaee3b7d67");
    }

    private static DecisionLogEntry rejected() {
        return new DecisionLogEntry().timestamp(at()).endpoint("/api/v1/monitoring/warnings").status(400)
                .outcome(DecisionLogEntry.OutcomeEnum.REJECTED).caller(new Caller().principal("alice").role("auditor"))
                .errors(List.of(new FieldError().field("/projects/0/budget").message("必须大于 0 \u2028"),
                        new FieldError().field("/asOf")));
    }

    private static Map<String, Object> input(String name) {
        Map<String, Object> project = new LinkedHashMap<>();
        project.put("projectId", "XY-2023-0001");
        project.put("projectName", name);
        project.put("budget", new BigDecimal("1000000.00"));
        project.put("executed", BigDecimal.ZERO);
        project.put("forecastYearEndExecuted", null);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("asOf", "2023-10-31");
        input.put("projects", List.of(project));
        return input;
    }

    private static Map<String, Object> output(int actions) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("decisionId", "8902f6d0-1a24-4296-9f8d-db9c64bdea3f");
        output.put("ruleset", ruleset());
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < actions; i++) {
            list.add(Map.of("code", "REMIND_ACCELERATE", "label", "督促加快支出进度 " + i));
        }
        output.put("results", List.of(Map.of("projectId", "XY-2023-0001", "timeProgress", new BigDecimal("0.8329"),
                "actions", list)));
        return output;
    }

    /** The compact explanation, as a tree: per table ruleset, decision, matchedRows; per rule ruleset, name. */
    private static JsonNode compact(ObjectMapper mapper, Explanation explanation) {
        ObjectNode compact = mapper.createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode tables = compact.putArray("tables");
        for (TableMatch table : explanation.getTables()) {
            ObjectNode kept = tables.addObject();
            kept.set("ruleset", mapper.valueToTree(table.getRuleset()));
            kept.put("decision", table.getDecision());
            kept.set("matchedRows", mapper.valueToTree(table.getMatchedRows()));
        }
        com.fasterxml.jackson.databind.node.ArrayNode rules = compact.putArray("rules");
        for (FiredRule rule : explanation.getRules()) {
            ObjectNode kept = rules.addObject();
            kept.set("ruleset", mapper.valueToTree(rule.getRuleset()));
            kept.put("name", rule.getName());
        }
        return compact;
    }

    private static Explanation explanation(int rows) {
        List<MatchedRow> matched = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            matched.add(new MatchedRow().row(i).annotation("未达目标值20%（含）以上为红灯 " + i)
                    .inputs(Map.of("未达标幅度（%）", new BigDecimal("60.0"))));
        }
        return new Explanation()
                .tables(List.of(new TableMatch().ruleset(ruleset()).decision("targetLight").decisionLabel("指标预警灯")
                        .matchedRows(List.of(1)).rows(matched)))
                .rules(List.of(new FiredRule().ruleset(ruleset()).name("RemindToAccelerate").description("督促")));
    }
}
