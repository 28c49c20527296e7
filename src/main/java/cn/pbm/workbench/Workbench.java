package cn.pbm.workbench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.platform.Jurisdictions;
import cn.pbm.platform.Ruleset;
import cn.pbm.platform.RulesetCatalog;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * 工作台 The policy officer's and auditor's workbench (docs/workbench.md): server-rendered pages on the deployed
 * rule sets. Reading them is as open as {@code GET /api/v1/rulesets} (rule sets are public policy); the pages call
 * the JSON API from the browser for what needs a decision (try it) or a role (the simulation, policy officers
 * only, enforced by that API). The pages change no state.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class Workbench {

    static final String PREFIX = "/workbench";

    private final RulesetCatalog catalog;
    private final Jurisdictions jurisdictions;
    private final RuleTables tables;
    private final DecisionEndpointExamples endpoints;

    @Location("workbench/catalogue.html")
    Template catalogue;
    @Location("workbench/ruleset.html")
    Template ruleset;
    @Location("workbench/diff.html")
    Template diff;
    @Location("workbench/tables.html")
    Template tablesFragment;
    @Location("workbench/try.html")
    Template tryIt;
    @Location("workbench/simulate.html")
    Template simulate;

    public Workbench(RulesetCatalog catalog, Jurisdictions jurisdictions, RuleTables tables,
            DecisionEndpointExamples endpoints) {
        this.catalog = catalog;
        this.jurisdictions = jurisdictions;
        this.tables = tables;
        this.endpoints = endpoints;
    }

    /** 规则集目录: every deployed rule set with every version. */
    @GET
    @PermitAll // rule sets are public policy, as GET /api/v1/rulesets
    public TemplateInstance catalogue() {
        return catalogue.data("rulesets", entries()).data("today", LocalDate.now());
    }

    @GET
    @Path("workbench")
    @PermitAll
    public TemplateInstance workbenchHome() {
        return catalogue();
    }

    /** One rule set: its versions, the tables and rules of one version (default: the last listed). */
    @GET
    @Path("workbench/rulesets/{id}")
    @PermitAll
    public TemplateInstance ruleset(@PathParam("id") String id, @QueryParam("version") String version) {
        RulesetEntry entry = entry(id);
        VersionEntry selected = selected(entry, version);
        return ruleset.data("entry", entry).data("selected", selected)
                .data("view", tables.view(id, selected.version()));
    }

    /** The cell-by-cell difference between two deployed versions of a rule set. */
    @GET
    @Path("workbench/rulesets/{id}/diff")
    @PermitAll
    public TemplateInstance diff(@PathParam("id") String id, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        RulesetEntry entry = entry(id);
        VersionEntry left = selected(entry, from != null ? from : entry.versions().get(0).version());
        VersionEntry right = selected(entry, to);
        return diff.data("entry", entry).data("left", left).data("right", right)
                .data("result", VersionDiff.between(tables.view(id, left.version()), tables.view(id, right.version())));
    }

    /** The rendered tables of one version, as an HTML fragment (the try-it page inserts it to highlight rows). */
    @GET
    @Path("workbench/rulesets/{id}/tables")
    @PermitAll
    public TemplateInstance tables(@PathParam("id") String id, @QueryParam("version") String version) {
        RulesetEntry entry = entry(id);
        VersionEntry selected = selected(entry, version);
        return tablesFragment.data("entry", entry).data("selected", selected)
                .data("view", tables.view(id, selected.version()));
    }

    /** 试算 Try a decision endpoint with the contract's example (default: the first decision endpoint). */
    @GET
    @Path("workbench/try")
    @PermitAll
    public TemplateInstance tryIt() {
        return tryIt(endpoints.all().get(0).operationId());
    }

    @GET
    @Path("workbench/try/{operationId}")
    @PermitAll
    public TemplateInstance tryIt(@PathParam("operationId") String operationId) {
        DecisionEndpointExamples.Endpoint endpoint = endpoints.find(operationId)
                .orElseThrow(() -> new NotFoundException("no decision endpoint '" + operationId + "'"));
        return tryIt.data("endpoints", endpoints.all()).data("endpoint", endpoint);
    }

    /**
     * 模拟 Simulate a change of a rule set: its tables with editable cells and the files as deployed (the page edits
     * a copy in the browser and posts it to {@code POST /api/v1/simulations}, which checks the caller's role).
     */
    @GET
    @Path("workbench/simulate")
    @PermitAll
    public TemplateInstance simulate(@QueryParam("ruleset") String id, @QueryParam("version") String version) {
        List<RulesetEntry> all = entries();
        RulesetEntry entry = id == null || id.isBlank() ? all.stream()
                .filter(e -> e.id().equals("warning.execution-monitoring")).findFirst().orElse(all.get(0)) : entry(id);
        VersionEntry selected = selected(entry, version);
        Ruleset deployed = catalog.version(entry.id(), selected.version()).orElseThrow();
        List<SourceFile> files = deployed.files().stream()
                .map(f -> new SourceFile(f.path(), f.path().endsWith(".dmn"),
                        f.path().endsWith(".dmn") ? new String(f.content(), java.nio.charset.StandardCharsets.UTF_8) : null))
                .toList();
        return simulate.data("rulesets", all).data("entry", entry).data("selected", selected)
                .data("view", tables.view(entry.id(), selected.version())).data("files", files);
    }

    private RulesetEntry entry(String id) {
        return entries().stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("no rule set '" + id + "' is deployed"));
    }

    /** The version asked for; without one, the default profile's version in force today (else the last listed). */
    private VersionEntry selected(RulesetEntry entry, String version) {
        if (version == null || version.isBlank()) {
            String inForce = inForceToday(entry.id());
            return entry.versions().stream().filter(v -> v.version().equals(inForce)).findFirst()
                    .orElse(entry.versions().get(entry.versions().size() - 1));
        }
        return entry.versions().stream().filter(v -> v.version().equals(version)).findFirst()
                .orElseThrow(() -> new NotFoundException("rule set '" + entry.id() + "' has no version '" + version + "'"));
    }

    private String inForceToday(String id) {
        try {
            return catalog.inForce(id, LocalDate.now()).version();
        } catch (RuntimeException noneInForce) {
            return null;
        }
    }

    private List<RulesetEntry> entries() {
        Map<String, List<VersionEntry>> byId = new LinkedHashMap<>();
        Map<String, String> titles = new LinkedHashMap<>();
        for (Ruleset r : catalog.all()) {
            titles.putIfAbsent(r.id(), r.title());
            byId.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(new VersionEntry(r.version(), r.title(),
                    r.effectiveFrom(), r.effectiveTo(), r.jurisdiction(),
                    jurisdictions.find(r.jurisdiction()).map(Jurisdictions.Jurisdiction::name).orElse(null),
                    r.sha256(), r.source(), r.change(), r.files().stream().map(Ruleset.RuleFile::path).toList()));
        }
        List<RulesetEntry> entries = new ArrayList<>();
        byId.forEach((id, versions) -> entries.add(new RulesetEntry(id, titles.get(id), List.copyOf(versions))));
        return entries;
    }

    @TemplateData
    public record RulesetEntry(String id, String title, List<VersionEntry> versions) {
    }

    @TemplateData
    public record VersionEntry(String version, String title, LocalDate effectiveFrom, LocalDate effectiveTo,
            String jurisdiction, String jurisdictionName, String sha256, String source, String change,
            List<String> files) {

        public String shortHash() {
            return sha256.substring(0, 12);
        }
    }

    /** A file of the version being simulated; DMN files carry their text, the copy the page edits. */
    @TemplateData
    public record SourceFile(String path, boolean dmn, String content) {
    }
}
