package cn.pbm.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The deployed rule sets (several versions of one policy may be deployed side by side), read from the manifest {@code rulesets.yaml} on the classpath (authored as
 * {@code dmn/rulesets.yaml}). Each rule file is read once and hashed; the engine compiles those same bytes,
 * so the hash a response carries is the hash of what decided.
 *
 * <p>{@code pbm.rulesets.directory}, when set, names a directory laid out as the classpath is (the manifest
 * {@code rulesets.yaml} beside {@code grading/}, {@code warning/}...): the rule sets are read from there instead
 * of from the build, e.g. from a volume mounted into the container.
 */
@ApplicationScoped
public class RulesetCatalog {

    static final String MANIFEST = "rulesets.yaml";

    private final List<Ruleset> rulesets;

    public RulesetCatalog() {
        this(loadManifest(Thread.currentThread().getContextClassLoader()));
    }

    @Inject
    public RulesetCatalog(PbmConfig config) {
        this(config.rulesets().directory().filter(d -> !d.isBlank())
                .map(d -> loadManifest(fromDirectory(Path.of(d))))
                .orElseGet(() -> loadManifest(Thread.currentThread().getContextClassLoader())));
    }

    RulesetCatalog(List<Ruleset> rulesets) {
        this.rulesets = List.copyOf(rulesets);
    }

    /**
     * The version of a policy of the default profile (no jurisdiction scope) in force on a date: effectiveFrom
     * on or before it, effectiveTo (exclusive) after it; if several are, the one that took effect last.
     */
    public Ruleset inForce(String id, LocalDate date) {
        return inForce(id, date, List.of());
    }

    /**
     * The version in force on a date for a jurisdiction: {@code chain} is the jurisdiction and its parents,
     * nearest first (empty for the default profile). The first of them with a version of its own in force on
     * the date decides; when none has, the default profile does.
     */
    public Ruleset inForce(String id, LocalDate date, List<String> chain) {
        for (String code : chain) {
            Optional<Ruleset> scoped = inForceScoped(id, date, code);
            if (scoped.isPresent()) {
                return scoped.get();
            }
        }
        return inForceScoped(id, date, null)
                .orElseThrow(() -> new NoRulesetInForceException(id, date, versions(id)));
    }

    private Optional<Ruleset> inForceScoped(String id, LocalDate date, String jurisdiction) {
        return rulesets.stream()
                .filter(r -> r.id().equals(id))
                .filter(r -> java.util.Objects.equals(r.jurisdiction(), jurisdiction))
                .filter(r -> !r.effectiveFrom().isAfter(date))
                .filter(r -> r.effectiveTo() == null || r.effectiveTo().isAfter(date))
                .max(Comparator.comparing(Ruleset::effectiveFrom));
    }

    /**
     * The version a call uses: the one in force on the date for the call's jurisdiction (its chain of parents as {@link Jurisdictions}
     * resolved it); in a replay, among the versions the logged decision
     * pinned, the one in force on the date (so a call that used several versions of one rule set, for items of
     * different dates, is replayed with each of them where it applied). When no pinned version is in force on
     * the date, the date is still checked as a live call checks it (no version at all in force: the same 422);
     * a single pinned version then stands (a decision dated by the day it was made), several pinned versions
     * give way to the one in force, which a replay reports as a difference.
     */
    Ruleset select(String id, LocalDate date, DecisionRecord call) {
        DecisionRecord record = io.quarkus.arc.ClientProxy.unwrap(call); // looked up once, not per use (issue 19)
        Ruleset simulated = record.simulated(id);
        if (simulated != null) {
            inForce(id, date, record.jurisdictionChain()); // a date no version covers is refused as live
            return simulated;
        }
        List<String> pinned = record.pinnedVersions(id);
        if (pinned.isEmpty()) {
            return inForce(id, date, record.jurisdictionChain());
        }
        List<Ruleset> candidates = pinned.stream().map(v -> version(id, v)).flatMap(Optional::stream).toList();
        Optional<Ruleset> pinnedInForce = candidates.stream()
                .filter(r -> !r.effectiveFrom().isAfter(date))
                .filter(r -> r.effectiveTo() == null || r.effectiveTo().isAfter(date))
                .max(Comparator.comparing(Ruleset::effectiveFrom));
        if (pinnedInForce.isPresent()) {
            return pinnedInForce.get();
        }
        Ruleset live = inForce(id, date, record.jurisdictionChain());
        return candidates.size() == 1 ? candidates.get(0) : live;
    }

    /** One deployed version, for replaying a logged decision. */
    public Optional<Ruleset> version(String id, String version) {
        return rulesets.stream().filter(r -> r.id().equals(id) && r.version().equals(version)).findFirst();
    }

    public List<Ruleset> versions(String id) {
        List<Ruleset> versions = rulesets.stream().filter(r -> r.id().equals(id)).toList();
        if (versions.isEmpty()) {
            throw new NoSuchElementException("no rule set '" + id + "' in " + MANIFEST);
        }
        return versions;
    }

    public List<Ruleset> all() {
        return rulesets;
    }

    /** Where the manifest and the rule files are read from, by classpath name; null when there is no such file. */
    interface Source {
        InputStream open(String name) throws IOException;
    }

    static Source fromDirectory(Path directory) {
        return name -> {
            Path file = directory.resolve(name).normalize();
            return file.startsWith(directory.normalize()) && Files.isRegularFile(file) ? Files.newInputStream(file) : null;
        };
    }

    static List<Ruleset> loadManifest(ClassLoader loader) {
        return loadManifest(loader::getResourceAsStream);
    }

    static List<Ruleset> loadManifest(Source loader) {
        Manifest manifest;
        try (InputStream in = loader.open(MANIFEST)) {
            if (in == null) {
                throw new IllegalStateException(MANIFEST + " is not on the classpath");
            }
            manifest = new ObjectMapper(new YAMLFactory())
                    .registerModule(new JavaTimeModule())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(in, Manifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + MANIFEST, e);
        }
        Map<String, Ruleset> rulesets = new LinkedHashMap<>();
        Map<String, Jurisdictions.Jurisdiction> jurisdictions = null;
        for (Entry entry : manifest.rulesets()) {
            if (entry.jurisdiction() != null) {
                if (jurisdictions == null) {
                    jurisdictions = Jurisdictions.load(loader);
                }
                if (!jurisdictions.containsKey(entry.jurisdiction())) {
                    throw new IllegalStateException(MANIFEST + ": rule set '" + entry.id() + "' version "
                            + entry.version() + " is scoped to " + entry.jurisdiction() + ", which is not in "
                            + Jurisdictions.FILE);
                }
            }
            if (entry.id() == null || entry.version() == null || entry.effectiveFrom() == null
                    || entry.files() == null || entry.files().isEmpty()) {
                throw new IllegalStateException(MANIFEST + ": every rule set needs id, version, effectiveFrom and files: "
                        + entry);
            }
            List<Ruleset.RuleFile> files = new ArrayList<>();
            for (String path : entry.files()) {
                byte[] content = read(loader, classpathName(path));
                files.add(new Ruleset.RuleFile(path, content, sha256(content)));
            }
            Ruleset ruleset = new Ruleset(entry.id(), entry.title(), entry.version(), entry.effectiveFrom(),
                    entry.effectiveTo(), List.copyOf(files), entry.source(), entry.change(), combinedHash(files),
                    entry.jurisdiction());
            if (rulesets.putIfAbsent(ruleset.id() + "@" + ruleset.version(), ruleset) != null) {
                throw new IllegalStateException(MANIFEST + " lists rule set '" + ruleset.id() + "' version "
                        + ruleset.version() + " twice");
            }
        }
        return List.copyOf(rulesets.values());
    }

    /** {@code dmn/grading/x.dmn} is on the classpath as {@code grading/x.dmn}: dmn/ and decisions/ are resource roots. */
    static String classpathName(String repositoryPath) {
        int slash = repositoryPath.indexOf('/');
        return slash < 0 ? repositoryPath : repositoryPath.substring(slash + 1);
    }

    /**
     * The hash of a single-file rule set is the file's own SHA-256, so {@code sha256sum dmn/...} reproduces it.
     * A rule set of several files hashes the {@code sha256sum}-style listing of its files.
     */
    static String combinedHash(List<Ruleset.RuleFile> files) {
        if (files.size() == 1) {
            return files.get(0).sha256();
        }
        StringBuilder listing = new StringBuilder();
        files.forEach(f -> listing.append(f.sha256()).append("  ").append(f.path()).append('\n'));
        return sha256(listing.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static byte[] read(Source loader, String name) {
        try (InputStream in = loader.open(name)) {
            if (in == null) {
                throw new IllegalStateException(MANIFEST + " names " + name + ", which is not deployed");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule file " + name, e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Manifest(List<Entry> rulesets) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record Entry(String id, String title, String version, LocalDate effectiveFrom, LocalDate effectiveTo,
            List<String> files, String source, String change, String jurisdiction) {
    }
}
