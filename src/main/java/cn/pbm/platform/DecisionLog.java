package cn.pbm.platform;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.pbm.api.model.DecisionLogEntry;
import cn.pbm.api.model.Explanation;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The decision log: one JSON line per decision, on standard output or appended to {@code pbm.decision-log.file}.
 * An auditor can feed any line to the replay endpoint. Each line is written straight from the request and
 * response objects to the stream, never held whole in memory: a 100,000-project list with its answer and
 * explanation is a line of several hundred megabytes, which as one string (as a logging framework would
 * need it) did not fit in a 1.5 GB heap.
 */
@ApplicationScoped
public class DecisionLog {

    private final ObjectMapper mapper;
    private final boolean enabled;
    private final Optional<Path> file;
    private OutputStream fileStream;

    public DecisionLog(ObjectMapper mapper,
            @ConfigProperty(name = "pbm.decision-log.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "pbm.decision-log.file") Optional<String> file) {
        this.mapper = mapper;
        this.enabled = enabled;
        this.file = file.filter(f -> !f.isBlank()).map(Path::of);
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Writes one line: {@code entry}'s own fields, then the request and the response as the endpoint received
     * and answered them, and the explanation.
     */
    public void write(DecisionLogEntry entry, Object input, Object output, Explanation explanation) {
        ObjectNode line = mapper.valueToTree(entry.input(null).output(null).explanation(null));
        JsonNode errors = line.remove("errors");
        line.putPOJO("input", input == null ? Map.of() : input);
        line.putPOJO("output", output == null ? Map.of() : output);
        if (explanation != null) {
            line.putPOJO("explanation", explanation);
        }
        if (errors != null) {
            line.set("errors", errors);
        }
        try {
            if (file.isPresent()) {
                synchronized (this) {
                    writeLine(fileStream(), line);
                }
            } else {
                synchronized (System.out) { // no console log line lands inside a decision line
                    writeLine(System.out, line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write decision-log line for " + entry.getDecisionId(), e);
        }
    }

    private void writeLine(OutputStream out, JsonNode line) throws IOException {
        try (JsonGenerator generator = mapper.getFactory().createGenerator(out)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            mapper.writeTree(generator, line);
            generator.writeRaw('\n');
        }
        out.flush();
    }

    private OutputStream fileStream() throws IOException {
        if (fileStream == null) {
            Path path = file.orElseThrow();
            if (path.toAbsolutePath().getParent() != null) {
                Files.createDirectories(path.toAbsolutePath().getParent());
            }
            fileStream = new BufferedOutputStream(new FileOutputStream(path.toFile(), true), 1 << 16);
        }
        return fileStream;
    }

    @PreDestroy
    synchronized void close() throws IOException {
        if (fileStream != null) {
            fileStream.close();
        }
    }
}
