package cn.pbm.scenarios;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every example in the documentation is a scenario: each {@code curl} block in {@code README.md} and
 * {@code docs/*.md} that is followed by a {@code json} block is sent to the running service, and the answer must
 * equal the block exactly (numbers by value), apart from fields that differ on every call ({@code decisionId},
 * {@code traceId}, {@code timestamp}). A changed hash, label or source therefore fails the build.
 *
 * <p>{@code ./mvnw verify -Dtest=DocsExamplesTest -Dpbm-test.docs.rewrite=true} writes the service's answers back
 * into the documents instead, for a reviewer to read in the diff.
 */
@QuarkusTest
class DocsExamplesTest {

    private static final Set<String> PER_CALL = Set.of("decisionId", "traceId", "timestamp");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final boolean REWRITE = Boolean.getBoolean("pbm-test.docs.rewrite");

    @TestFactory
    Stream<DynamicNode> examples() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(Path.of("README.md"));
        if (Files.isDirectory(Path.of("docs"))) {
            try (Stream<Path> walk = Files.walk(Path.of("docs"))) {
                walk.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
            }
        }
        List<DynamicNode> nodes = new ArrayList<>();
        int total = 0;
        for (Path file : files) {
            List<Example> examples = Example.in(Files.readString(file, StandardCharsets.UTF_8));
            total += examples.size();
            if (examples.isEmpty()) {
                continue;
            }
            if (REWRITE) {
                nodes.add(DynamicTest.dynamicTest(file + " (rewrite)", () -> rewrite(file)));
            } else {
                nodes.add(DynamicContainer.dynamicContainer(file.toString(), examples.stream()
                        .map(e -> DynamicTest.dynamicTest(file + ":" + e.line() + " " + e.curl().path(),
                                () -> check(e)))));
            }
        }
        assertFalse(total == 0, "no curl example with its answer in README.md or docs/");
        return nodes.stream();
    }

    private static void check(Example example) throws IOException {
        Response response = send(example.curl());
        JsonNode expected = JSON.readTree(example.answer());
        JsonNode actual = JSON.readTree(response.asString());
        List<String> differences = new ArrayList<>();
        compare(expected, actual, "", differences);
        assertEquals(List.of(), differences, "answer differs from the document; the service answered "
                + response.asString());
    }

    private static void rewrite(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (Example example : Example.in(text)) {
            Response response = send(example.curl());
            out.append(text, from, example.answerStart()).append(response.asString().strip());
            from = example.answerEnd();
        }
        out.append(text.substring(from));
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    private static Response send(Curl curl) {
        RequestSpecification request = given().urlEncodingEnabled(false);
        for (Map.Entry<String, String> header : curl.headers().entrySet()) {
            request = request.header(header.getKey(), header.getValue());
        }
        if (curl.body() != null) {
            request = request.body(curl.body());
        }
        return request.request(curl.method(), curl.path());
    }

    /** Equal, numbers by value, except per-call fields, which need only be present. */
    static void compare(JsonNode expected, JsonNode actual, String at, List<String> differences) {
        if (actual == null || actual.isMissingNode()) {
            differences.add(at + ": missing");
        } else if (expected.isObject() && actual.isObject()) {
            for (Iterator<String> it = expected.fieldNames(); it.hasNext();) {
                String name = it.next();
                if (!PER_CALL.contains(name)) {
                    compare(expected.get(name), actual.get(name), at + "/" + name, differences);
                } else if (!actual.has(name)) {
                    differences.add(at + "/" + name + ": missing");
                }
            }
            for (Iterator<String> it = actual.fieldNames(); it.hasNext();) {
                String name = it.next();
                if (!expected.has(name)) {
                    differences.add(at + "/" + name + ": not in the document");
                }
            }
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                differences.add(at + ": " + expected.size() + " items in the document, " + actual.size() + " answered");
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(expected.get(i), actual.get(i), at + "/" + i, differences);
            }
        } else if (expected.isNumber() && actual.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                differences.add(at + ": document " + expected + ", answered " + actual);
            }
        } else if (!expected.equals(actual)) {
            differences.add(at + ": document " + expected + ", answered " + actual);
        }
    }

    /** A {@code curl} block and the {@code json} block right after it. */
    record Example(int line, Curl curl, String answer, int answerStart, int answerEnd) {

        private static final String CURL = "```bash\n";
        private static final String ANSWER = "```json\n";

        static List<Example> in(String markdown) {
            List<Example> examples = new ArrayList<>();
            int at = 0;
            while ((at = markdown.indexOf(CURL, at)) >= 0) {
                int start = at + CURL.length();
                int end = markdown.indexOf("```", start);
                String command = markdown.substring(start, end);
                int after = end + 3;
                at = after;
                String rest = markdown.substring(after);
                String gap = rest.substring(0, Math.max(0, rest.indexOf("```")));
                if (!command.strip().startsWith("curl") || !rest.contains(ANSWER) || !gap.isBlank()
                        || !rest.startsWith(ANSWER, gap.length())) {
                    continue;
                }
                int answerStart = after + gap.length() + ANSWER.length();
                int answerEnd = markdown.indexOf("\n```", answerStart);
                int line = (int) markdown.substring(0, start).chars().filter(c -> c == '\n').count() + 1;
                Curl curl = Curl.parse(command);
                if (curl != null) {
                    examples.add(new Example(line, curl, markdown.substring(answerStart, answerEnd), answerStart,
                            answerEnd));
                }
                at = answerEnd;
            }
            return examples;
        }
    }

    /** The parts of a documented curl command that the test replays: method, path, headers, body. */
    record Curl(String method, String path, Map<String, String> headers, String body) {

        /** Null for a command the test cannot replay on its own: a body from a file ({@code -d @line.json}), a pipe. */
        static Curl parse(String command) {
            List<String> words = words(command);
            if (words.stream().filter("curl"::equals).count() != 1 || words.contains("|")) {
                return null;
            }
            String method = null;
            String path = null;
            String body = null;
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < words.size(); i++) {
                String word = words.get(i);
                switch (word) {
                    case "-X" -> method = words.get(++i);
                    case "-H" -> {
                        String header = words.get(++i);
                        int colon = header.indexOf(':');
                        headers.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
                    }
                    case "-d", "--data", "--data-binary" -> body = words.get(++i);
                    case "-s", "-S", "-sS" -> {
                    }
                    default -> {
                        if (word.startsWith("-")) {
                            throw new IllegalArgumentException("curl option " + word + " is not replayed by the docs test");
                        }
                        path = word.substring(word.indexOf('/', word.indexOf("localhost")));
                    }
                }
            }
            if (body != null && body.startsWith("@")) {
                return null;
            }
            if (method == null) {
                method = body == null ? "GET" : "POST";
            }
            return new Curl(method, path, headers, body);
        }

        /** Shell words: single and double quotes, backslash-newline continuation. */
        private static List<String> words(String command) {
            List<String> words = new ArrayList<>();
            StringBuilder word = null;
            for (int i = 0; i < command.length(); i++) {
                char c = command.charAt(i);
                if (c == '\\' && i + 1 < command.length() && command.charAt(i + 1) == '\n') {
                    i++;
                } else if (c == '\'' || c == '"') {
                    int close = command.indexOf(c, i + 1);
                    word = word == null ? new StringBuilder() : word;
                    word.append(command, i + 1, close);
                    i = close;
                } else if (Character.isWhitespace(c)) {
                    if (word != null) {
                        words.add(word.toString());
                        word = null;
                    }
                } else {
                    word = word == null ? new StringBuilder() : word;
                    word.append(c);
                }
            }
            if (word != null) {
                words.add(word.toString());
            }
            return words;
        }
    }
}
