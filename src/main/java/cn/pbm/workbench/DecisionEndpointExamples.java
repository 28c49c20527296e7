package cn.pbm.workbench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The decision endpoints of the contract (the operations that take {@code ?explain=}) with the example request
 * each one documents: the try-it forms are prefilled from the contract itself, so a form never drifts from it.
 */
@ApplicationScoped
public class DecisionEndpointExamples {

    static final String CONTRACT = "META-INF/openapi/decision-service.yaml";

    private final List<Endpoint> endpoints;

    public DecisionEndpointExamples() {
        this.endpoints = read();
    }

    public List<Endpoint> all() {
        return endpoints;
    }

    public Optional<Endpoint> find(String operationId) {
        return endpoints.stream().filter(e -> e.operationId().equals(operationId)).findFirst();
    }

    private static List<Endpoint> read() {
        JsonNode contract;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(CONTRACT)) {
            if (in == null) {
                throw new IllegalStateException(CONTRACT + " is not on the classpath");
            }
            contract = new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        List<Endpoint> endpoints = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode post = path.getValue().path("post");
            if (post.isMissingNode() || !takesExplain(post)) {
                continue;
            }
            JsonNode example = post.path("requestBody").path("content").path("application/json").path("example");
            try {
                endpoints.add(new Endpoint(post.path("operationId").asText(), path.getKey(),
                        post.path("summary").asText(), post.path("tags").path(0).asText(),
                        example.isMissingNode() ? "{}" : pretty.writeValueAsString(example)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(endpoints);
    }

    private static boolean takesExplain(JsonNode operation) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("$ref").asText().endsWith("/Explain")) {
                return true;
            }
        }
        return false;
    }

    /** A decision endpoint: operationId, path, the contract's summary, its tag and its example body (JSON). */
    @TemplateData
    public record Endpoint(String operationId, String path, String summary, String tag, String example) {
    }
}
