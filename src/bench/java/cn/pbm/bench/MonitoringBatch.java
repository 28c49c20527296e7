package cn.pbm.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes a county-sized monitoring request (N projects, two targets each, every light and action represented)
 * and checks the answer: one result per project, in request order, and a summary that adds up.
 */
public final class MonitoringBatch {

    private MonitoringBatch() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        if (args[0].equals("write")) {
            write(file, n);
        } else {
            check(file, n);
        }
    }

    static void write(Path file, int n) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("{\"asOf\": \"2023-10-31\", \"projects\": [");
            for (int i = 0; i < n; i++) {
                long budget = 100_000L + (i % 97) * 10_000L;
                long executed = (i % 5 == 0) ? 0 : budget * (i % 100) / 100;
                out.write(i == 0 ? "\n" : ",\n");
                out.write("{\"projectId\": \"XY-" + i + "\", \"projectName\": \"项目" + i + "\", \"department\": \"部门"
                        + (i % 40) + "\", \"budget\": " + budget + ".00, \"executed\": " + executed
                        + ", \"directFunds\": " + (i % 7 == 0) + ", \"implementationConditionsMet\": " + (i % 11 != 0)
                        + ", \"forecastYearEndExecuted\": " + (i % 13 == 0 ? executed + (budget - executed) / 2 : "null")
                        + ", \"targets\": [{\"name\": \"数量\", \"direction\": \"AT_LEAST\", \"expected\": 100, \"actual\": "
                        + (60 + i % 41) + "}, {\"name\": \"成本\", \"direction\": \"AT_MOST\", \"expected\": 50, \"actual\": "
                        + (40 + i % 20) + "}]}");
            }
            out.write("]}\n");
        }
        System.out.println("wrote " + n + " projects, " + Files.size(file) / 1_000_000 + " MB: " + file);
    }

    static void check(Path file, int n) throws IOException {
        JsonNode response = new ObjectMapper().readTree(file.toFile());
        JsonNode results = response.path("results");
        if (results.size() != n) {
            throw new AssertionError("expected " + n + " results, got " + results.size());
        }
        for (int i = 0; i < n; i++) {
            if (!results.get(i).path("projectId").asText().equals("XY-" + i)) {
                throw new AssertionError("result " + i + " is " + results.get(i).path("projectId"));
            }
        }
        JsonNode summary = response.path("summary");
        long lights = summary.path("red").asLong() + summary.path("yellow").asLong() + summary.path("green").asLong();
        if (summary.path("total").asLong() != n || lights != n) {
            throw new AssertionError("summary does not add up: " + summary);
        }
        System.out.println("checked: " + n + " results in request order; summary " + summary);
        System.out.println("answers sha256 (results and summary; decisionId and ruleset left out): " + checksum(response));
    }

    /**
     * The SHA-256 of the answers item for item: the {@code results} array and the {@code summary}, re-serialised
     * from the parsed tree (so whitespace does not count), without the call's {@code decisionId} and
     * {@code ruleset} (a new rule-set version with the same answers has another version and hash).
     */
    static String checksum(JsonNode response) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        java.security.MessageDigest digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        digest.update(mapper.writeValueAsBytes(response.path("results")));
        digest.update((byte) '\n');
        digest.update(mapper.writeValueAsBytes(response.path("summary")));
        return java.util.HexFormat.of().formatHex(digest.digest());
    }
}
