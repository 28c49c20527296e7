package cn.pbm.platform;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.api.AuditApi;
import cn.pbm.api.model.DecisionLogEntry;
import cn.pbm.api.model.ReplayResult;
import cn.pbm.api.model.RuleFileInfo;
import cn.pbm.api.model.RulesetDetail;
import cn.pbm.api.model.RulesetSummary;
import cn.pbm.api.model.RulesetVersion;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.NotFoundException;

/** 审计 endpoints: the deployed rule sets (with their exact files) and the replay of a logged decision. */
public class Audit implements AuditApi {

    private final RulesetCatalog catalog;
    private final BuildInfo build;
    private final DecisionReplay replay;
    private final DecisionMetrics metrics;

    public Audit(RulesetCatalog catalog, BuildInfo build, DecisionReplay replay, DecisionMetrics metrics) {
        this.catalog = catalog;
        this.build = build;
        this.replay = replay;
        this.metrics = metrics;
    }

    @jakarta.inject.Inject
    Jurisdictions jurisdictions;

    @Override
    @PermitAll // rule sets are public policy
    public cn.pbm.api.model.RulesetCatalog listRulesets() {
        Map<String, List<Ruleset>> byId = new LinkedHashMap<>();
        catalog.all().forEach(r -> byId.computeIfAbsent(r.id(), k -> new java.util.ArrayList<>()).add(r));
        return new cn.pbm.api.model.RulesetCatalog()
                .build(build.describe())
                .rulesets(byId.values().stream().map(versions -> summary(versions, false)).toList());
    }

    @Override
    @PermitAll
    public RulesetDetail getRuleset(String id) {
        List<Ruleset> versions = catalog.all().stream().filter(r -> r.id().equals(id)).toList();
        if (versions.isEmpty()) {
            throw new NotFoundException("no rule set '" + id + "' is deployed");
        }
        return new RulesetDetail().build(build.describe()).ruleset(summary(versions, true));
    }

    @Override
    @RolesAllowed({Roles.AUDITOR, Roles.POLICY_OFFICER}) // a replay reveals a recorded decision
    public ReplayResult replayDecision(DecisionLogEntry entry) {
        ReplayResult result = replay.replay(entry);
        metrics.replayed(result.getResult());
        return result;
    }

    private RulesetSummary summary(List<Ruleset> versions, boolean withContent) {
        return new RulesetSummary()
                .id(versions.get(0).id())
                .title(versions.get(0).title())
                .versions(versions.stream().map(r -> new RulesetVersion()
                        .version(r.version())
                        .effectiveFrom(r.effectiveFrom())
                        .effectiveTo(r.effectiveTo())
                        .jurisdiction(r.jurisdiction())
                        .jurisdictionName(jurisdictions.find(r.jurisdiction()).map(Jurisdictions.Jurisdiction::name)
                                .orElse(null))
                        .sha256(r.sha256())
                        .source(r.source())
                        .change(r.change())
                        .files(r.files().stream().map(f -> new RuleFileInfo()
                                .path(f.path())
                                .sha256(f.sha256())
                                .content(withContent ? new String(f.content(), StandardCharsets.UTF_8) : null))
                                .toList()))
                        .toList());
    }
}
