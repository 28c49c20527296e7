package cn.pbm.platform;

import java.time.ZoneId;

import org.drools.io.ByteArrayResource;
import org.kie.api.io.Resource;

/** Builds the decision layer outside the container, exactly as the service wires it, for the benchmarks. */
public final class BenchAccess {

    private BenchAccess() {
    }

    public static DecisionEngine engine(ZoneId zone) {
        return engine(zone, 20_000);
    }

    /** With a memo of {@code memoEntries} answers per model (0: every call evaluates the model). */
    public static DecisionEngine engine(ZoneId zone, int memoEntries) {
        return engine(zone, memoEntries, true);
    }

    /** {@code plainTables} false: every model by the KIE interpreter, none by the compiled fast path (issue 19). */
    public static DecisionEngine engine(ZoneId zone, int memoEntries, boolean plainTables) {
        catalog = new RulesetCatalog();
        return new DecisionEngine(catalog, new DecisionRecord(), zone, memoEntries, 256, plainTables);
    }

    private static RulesetCatalog catalog;

    /** One deployed version, as the engine last built here knows it (any date: e.g. one kept only for replay). */
    public static Ruleset version(String id, String version) {
        return catalog.version(id, version).orElseThrow(() -> new IllegalArgumentException(id + " " + version));
    }

    /** A deployed rule file, by its repository path, as the bytes the service compiles. */
    public static Resource resource(String path) {
        for (Ruleset ruleset : new RulesetCatalog().all()) {
            for (Ruleset.RuleFile file : ruleset.files()) {
                if (file.path().equals(path)) {
                    Resource resource = new ByteArrayResource(file.content());
                    resource.setSourcePath(path);
                    return resource;
                }
            }
        }
        throw new IllegalArgumentException(path + " is not deployed");
    }
}
