package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A fixed-seed fuzz run: for every decision endpoint (and the replay), {@code pbm-test.fuzz.count} (default 1000)
 * mutations of the contract's own request example (src/main/openapi) are posted to the running test service.
 * No answer may be a 5xx; every 4xx is {@code application/problem+json}; a body that is surely invalid (broken
 * JSON, an unknown field, a malformed date, a wrong type for a required field) is never answered 2xx.
 * Run more with {@code -Dpbm-test.fuzz.count=10000}; another seed with {@code -Dpbm-test.fuzz.seed=N}.
 */
@QuarkusTest
class FuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int COUNT = Integer.getInteger("pbm-test.fuzz.count", 1000);
    private static final long SEED = Long.getLong("pbm-test.fuzz.seed", 21L);

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** A mutated body, and whether it is surely invalid (so that a 2xx would be a defect). */
    record Mutant(String body, boolean surelyInvalid, String how) {
    }

    @Test
    void mutatedBodiesNeverGet5xxAndEvery4xxIsAProblem() throws Exception {
        Map<String, JsonNode> seeds = seeds();
        List<String> failures = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, JsonNode> seed : seeds.entrySet()) {
            Random random = new Random(SEED ^ seed.getKey().hashCode());
            List<Mutant> mutants = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                mutants.add(mutate(seed.getValue(), random, !seed.getKey().endsWith("/replay")));
            }
            failures.addAll(post(seed.getKey(), mutants));
            total += mutants.size();
        }
        assertThat(total).isGreaterThanOrEqualTo(COUNT * seeds.size());
        assertThat(failures).as("fuzz failures (first 20)").isEmpty();
    }

    /** The contract's examples, a batch of the self-evaluation example, and a real decision-log line. */
    private Map<String, JsonNode> seeds() throws Exception {
        JsonNode contract = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of("src/main/openapi/decision-service.yaml").toFile());
        Map<String, JsonNode> seeds = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> paths = contract.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode example = path.getValue().path("post").path("requestBody").path("content")
                    .path("application/json").path("example");
            if (!example.isMissingNode()) {
                seeds.put(path.getKey(), example);
            }
        }
        assertThat(seeds).hasSizeGreaterThanOrEqualTo(7);
        ObjectNode batch = NODES.objectNode();
        batch.putArray("forms").add(seeds.get("/api/v1/self-evaluations/score").deepCopy());
        seeds.put("/api/v1/self-evaluations/score:batch", batch);
        // every example is itself accepted (else the mutations would test nothing)
        for (Map.Entry<String, JsonNode> seed : seeds.entrySet()) {
            HttpResponse<String> answer = send(seed.getKey(), seed.getValue().toString());
            assertThat(answer.statusCode()).as(seed.getKey() + " example: " + answer.body()).isEqualTo(200);
        }
        Path log = Path.of("target/decisions-test.log");
        long start = Files.size(log);
        String id = JSON.readTree(send("/api/v1/grading/evaluation", "{\"score\": 85}").body()).get("decisionId").asText();
        try (FileChannel channel = FileChannel.open(log)) {
            channel.position(start);
            for (String line : new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8)
                    .lines().toList()) {
                if (line.contains(id)) {
                    JsonNode entry = JSON.readTree(line);
                    ((ObjectNode) entry).remove("inputSha256"); // so that edited inputs reach validation
                    seeds.put("/api/v1/decisions/replay", entry);
                }
            }
        }
        assertThat(seeds).containsKey("/api/v1/decisions/replay");
        return seeds;
    }

    private HttpResponse<String> send(String endpoint, String body) throws Exception {
        return client.send(request(endpoint, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String endpoint, String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + endpoint))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Posts every mutant, four at a time, and returns what broke the rules. */
    private List<String> post(String endpoint, List<Mutant> mutants) throws Exception {
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Semaphore inFlight = new Semaphore(4);
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (Mutant mutant : mutants) {
            inFlight.acquire();
            calls.add(client.sendAsync(request(endpoint, mutant.body()), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((answer, error) -> {
                        inFlight.release();
                        String problem = error != null ? "no answer: " + error
                                : answer.statusCode() >= 500 ? "status " + answer.statusCode()
                                : answer.statusCode() >= 400 && !answer.headers().firstValue("Content-Type")
                                        .orElse("").startsWith("application/problem+json") ? "4xx not problem+json"
                                : answer.statusCode() < 300 && mutant.surelyInvalid() ? "2xx to an invalid body"
                                : null;
                        if (problem != null && failures.size() < 20) {
                            failures.add(endpoint + " " + problem + " [" + mutant.how() + "] "
                                    + abbreviate(mutant.body()) + (answer == null ? "" : " -> " + abbreviate(answer.body())));
                        }
                    }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        return new ArrayList<>(failures);
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    // --- mutations ---

    private static final String[] DATES = { " 2023-10-31", "2023-10-31\n", "2023-01-01T00:00:00Z", "+10000-01-01",
            "2023-02-30", "0000-01-01", "2023-1-1", "", "20231031" };

    /**
     * One to three random edits. Only a single edit is judged "surely invalid" (a later edit may undo an earlier
     * one), and in a replay line only an edit at the top (its output and explanation are free-form).
     */
    static Mutant mutate(JsonNode seed, Random random, boolean strictThroughout) {
        int kind = random.nextInt(100);
        if (kind < 8) { // broken text
            String text = seed.toString();
            return switch (random.nextInt(4)) {
                case 0 -> new Mutant(text.substring(0, random.nextInt(text.length())), true, "truncated");
                case 1 -> new Mutant(text + "}", true, "trailing token");
                case 2 -> new Mutant(text.replaceFirst(":", "::"), true, "doubled colon");
                default -> new Mutant("[" + text + "]", true, "wrapped in an array");
            };
        }
        JsonNode copy = seed.deepCopy();
        List<JsonNode> containers = new ArrayList<>();
        collect(copy, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        JsonNode first = target;
        int rounds = 1 + random.nextInt(3);
        boolean surelyInvalid = false;
        StringBuilder how = new StringBuilder();
        for (int r = 0; r < rounds; r++) {
            if (target instanceof ObjectNode object && object.size() > 0) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                String name = names.get(random.nextInt(names.size()));
                JsonNode old = object.get(name);
                int op = random.nextInt(10);
                how.append(op).append(':').append(name).append(' ');
                switch (op) {
                    case 0 -> object.remove(name);
                    case 1 -> object.putNull(name);
                    case 2 -> {
                        object.put("unknown" + random.nextInt(9), 1);
                        surelyInvalid = true;
                    }
                    case 3 -> {
                        if (old != null && old.isTextual() && old.asText().matches("\\d{4}-\\d{2}-\\d{2}")) {
                            object.put(name, DATES[random.nextInt(DATES.length)]);
                            surelyInvalid |= !object.get(name).asText().equals("0000-01-01");
                        } else {
                            object.put(name, randomText(random));
                            surelyInvalid |= old != null && (old.isNumber() || old.isBoolean());
                        }
                    }
                    case 4 -> object.set(name, randomNumber(random));
                    case 5 -> {
                        object.put(name, random.nextBoolean());
                        surelyInvalid |= old != null && (old.isNumber() || old.isTextual() && !old.asText().isEmpty()
                                && !"true".equals(old.asText()));
                    }
                    case 6 -> object.putArray(name);
                    case 7 -> object.putObject(name);
                    case 8 -> {
                        if (old instanceof ArrayNode array && !array.isEmpty()) {
                            array.add(array.get(random.nextInt(array.size())).deepCopy()); // duplicate ids
                        } else {
                            object.put(name, "\u2028\u2029\u0085" + "x".repeat(random.nextInt(2000)));
                        }
                    }
                    default -> object.set(name, deep(random.nextInt(50)));
                }
            } else if (target instanceof ArrayNode array) {
                how.append("array ");
                switch (random.nextInt(4)) {
                    case 0 -> array.removeAll();
                    case 1 -> array.addNull();
                    case 2 -> array.add(randomNumber(random));
                    default -> {
                        if (!array.isEmpty()) {
                            array.insert(0, array.get(array.size() - 1).deepCopy());
                        }
                    }
                }
            }
            target = containers.get(random.nextInt(containers.size()));
        }
        boolean judged = rounds == 1 && (strictThroughout || first == copy);
        return new Mutant(copy.toString(), surelyInvalid && judged, how.toString().trim());
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.elements().forEachRemaining(child -> collect(child, containers));
        }
    }

    private static JsonNode randomNumber(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> NODES.numberNode(-1);
            case 1 -> NODES.numberNode(0);
            case 2 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
            case 3 -> NODES.numberNode(new java.math.BigDecimal("1e-400"));
            case 4 -> NODES.numberNode(new java.math.BigDecimal("99999999999999999999999999.123456789"));
            case 5 -> NODES.numberNode(Long.MAX_VALUE);
            case 6 -> NODES.numberNode(0.5);
            default -> NODES.numberNode(random.nextInt(200) - 50);
        };
    }

    private static String randomText(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> "";
            case 1 -> " ";
            case 2 -> "x".repeat(random.nextInt(300));
            case 3 -> "GOOD";
            default -> "\u0000\ud7ff\u2028";
        };
    }

    private static JsonNode deep(int depth) {
        JsonNode node = NODES.objectNode();
        for (int i = 0; i < depth; i++) {
            ArrayNode array = NODES.arrayNode();
            array.add(node);
            node = array;
        }
        return node;
    }
}
