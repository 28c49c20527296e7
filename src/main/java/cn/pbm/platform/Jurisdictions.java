package cn.pbm.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;


import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The jurisdictions a request may name, read from {@code jurisdictions.yaml} beside the rule-set manifest
 * (authored as {@code dmn/jurisdictions.yaml}): official six-digit code (GB/T 2260), name and parent.
 * {@link #chain} turns a request's {@code jurisdiction} into the list a rule-set lookup walks: the
 * jurisdiction itself, then its parents, nearest first; the default profile comes after them all.
 * A request without a jurisdiction is decided for {@code pbm.jurisdiction.default} (empty: the default profile).
 */
@ApplicationScoped
public class Jurisdictions {

    static final String FILE = "jurisdictions.yaml";

    public record Jurisdiction(String code, String name, String parent) {
    }

    private final Map<String, Jurisdiction> byCode;
    private final String configuredDefault;

    @jakarta.inject.Inject
    public Jurisdictions(PbmConfig config) {
        this(config.jurisdiction().defaultCode());
    }

    /** Outside CDI (tests): the deployed jurisdictions with {@code configuredDefault} as the default. */
    public Jurisdictions(Optional<String> configuredDefault) {
        this(load(Thread.currentThread().getContextClassLoader()), configuredDefault.map(String::strip)
                .filter(s -> !s.isEmpty()).orElse(null));
    }

    Jurisdictions(Map<String, Jurisdiction> byCode, String configuredDefault) {
        this.byCode = Map.copyOf(byCode);
        for (Jurisdiction j : byCode.values()) {
            if (j.parent() != null && !byCode.containsKey(j.parent())) {
                throw new IllegalStateException(FILE + ": " + j.code() + " names an unknown parent " + j.parent());
            }
        }
        if (configuredDefault != null && !byCode.containsKey(configuredDefault)) {
            throw new IllegalStateException("pbm.jurisdiction.default=" + configuredDefault + " is not in " + FILE);
        }
        this.configuredDefault = configuredDefault;
    }

    /** The configured default jurisdiction, or null for the default profile. */
    public String configuredDefault() {
        return configuredDefault;
    }

    public Optional<Jurisdiction> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    /**
     * The lookup chain for a request's {@code jurisdiction} (null: the configured default): the code and its
     * parents, nearest first; empty for the default profile. An unknown code is a 400 naming {@code /jurisdiction}.
     */
    public List<String> chain(String requested) {
        String code = requested != null ? requested : configuredDefault;
        if (code == null) {
            return List.of();
        }
        if (!byCode.containsKey(code)) {
            throw new InvalidRequestException("/jurisdiction", "unknown jurisdiction " + code
                    + "; known: " + byCode.keySet().stream().sorted().toList() + " (dmn/" + FILE + ")");
        }
        List<String> chain = new ArrayList<>();
        for (String c = code; c != null; c = byCode.get(c).parent()) {
            if (chain.contains(c)) {
                throw new IllegalStateException(FILE + ": the parents of " + code + " form a cycle");
            }
            chain.add(c);
        }
        return List.copyOf(chain);
    }

    static Map<String, Jurisdiction> load(ClassLoader loader) {
        return load(loader::getResourceAsStream);
    }

    static Map<String, Jurisdiction> load(RulesetCatalog.Source source) {
        try (InputStream in = source.open(FILE)) {
            if (in == null) {
                return Map.of();
            }
            JurisdictionList list = new ObjectMapper(new YAMLFactory())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(in, JurisdictionList.class);
            Map<String, Jurisdiction> byCode = new LinkedHashMap<>();
            for (Jurisdiction j : list.jurisdictions()) {
                if (j.code() == null || !j.code().matches("[0-9]{6}") || j.name() == null) {
                    throw new IllegalStateException(FILE + ": every jurisdiction needs a six-digit code and a name: " + j);
                }
                if (byCode.putIfAbsent(j.code(), j) != null) {
                    throw new IllegalStateException(FILE + " lists " + j.code() + " twice");
                }
            }
            return byCode;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }

    record JurisdictionList(List<Jurisdiction> jurisdictions) {
    }
}
