package cn.pbm.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;


import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import cn.pbm.api.model.SimulationSample;
import cn.pbm.api.model.SimulationSampleDataset;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The datasets the service ships for simulations ({@code pbm.simulation.samples}), each a JSON file
 * {@code samples/<name>.json} on the classpath (authored in {@code src/main/resources/samples/}): name, rule set,
 * endpoint, description and the request bodies of that endpoint. Read once at start-up; a missing or unreadable
 * sample stops the start (it is part of the build).
 */
@ApplicationScoped
public class SimulationSamples {

    /** One shipped dataset. {@code items}: the items (projects, forms...) over all its requests. */
    public record Sample(String name, String rulesetId, String endpoint, String description,
            List<Map<String, Object>> requests, int items) {
    }

    private record SampleFile(String name, String rulesetId, String endpoint, String description,
            List<Map<String, Object>> requests) {
    }

    private final Map<String, Sample> samples = new LinkedHashMap<>();

    public SimulationSamples(PbmConfig config) {
        Optional<List<String>> names = config.simulation().samples();
        JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        for (String name : names.orElse(List.of())) {
            String resource = "samples/" + name + ".json";
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("pbm.simulation.samples names " + name + ", but " + resource
                            + " is not on the classpath");
                }
                SampleFile file = json.readValue(in, SampleFile.class);
                if (!name.equals(file.name())) {
                    throw new IllegalStateException(resource + " is named " + file.name());
                }
                int items = file.requests().stream().mapToInt(SimulationSamples::items).sum();
                samples.put(name, new Sample(name, file.rulesetId(), file.endpoint(), file.description(),
                        List.copyOf(file.requests()), items));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }

    /** Items of a request body as admission counts them: the sizes of its top-level lists, at least 1. */
    static int items(Map<String, Object> body) {
        long items = 0;
        for (Object value : body.values()) {
            if (value instanceof List<?> list) {
                items += list.size();
            }
        }
        return (int) Math.max(1, Math.min(items, Integer.MAX_VALUE));
    }

    public Optional<Sample> find(String name) {
        return Optional.ofNullable(samples.get(name));
    }

    public List<Sample> all() {
        return List.copyOf(samples.values());
    }

    static SimulationSample describe(Sample sample, boolean withRequests) {
        SimulationSample described = new SimulationSample().name(sample.name()).rulesetId(sample.rulesetId())
                .endpoint(sample.endpoint()).requests(sample.requests().size()).items(sample.items())
                .description(sample.description());
        if (withRequests) {
            described.dataset(new SimulationSampleDataset().requests(List.copyOf(sample.requests())));
        }
        return described;
    }
}
