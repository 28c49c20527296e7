package cn.pbm.platform;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.Results;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;

import cn.pbm.api.model.FiredRule;
import cn.pbm.api.model.RulesetRef;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one place that talks to the KIE rule engine (DRL), the counterpart of {@link DecisionEngine}. The DRL
 * files of each deployed rule-set version are compiled once at start-up (executable model), from the very
 * bytes {@link RulesetCatalog} hashed. A call runs one stateless session over all the facts it is given
 * (so a batch of projects costs one session, not one per project); the rules act on the facts themselves,
 * and the run returns a {@link RulesFired}: the version used, with every rule that fired (its name and
 * {@code @description}) when the call is explained. The same value goes to the call's {@link Evaluations}.
 */
@Startup
@ApplicationScoped
public class RuleEngine {

    private final RulesetCatalog catalog;
    private final DecisionRecord record;
    private final RulesetHealth health;
    /**
     * Drools' own pool of sessions, one per rule base: a stateless call runs on a stateful session taken from it
     * and given back reset (its facts, agenda and event listeners cleared, {@code RuleEngineSessionPoolTest}), instead of
     * a new session built and thrown away per call (issue 19). The pool grows to the calls under way at once.
     */
    private final Map<Ruleset, KieSessionsPool> pools = new HashMap<>();
    @jakarta.inject.Inject
    Evaluations evaluations;

    /** A version whose DRL does not compile is noted in {@link RulesetHealth}; a call that needs it gets a 503. */
    public RuleEngine(RulesetCatalog catalog, DecisionRecord record, RulesetHealth health) {
        this.catalog = catalog;
        this.record = record;
        this.health = health;
        for (Ruleset ruleset : catalog.all()) {
            List<Ruleset.RuleFile> drlFiles = ruleset.files().stream()
                    .filter(f -> f.path().endsWith(".drl")).toList();
            if (!drlFiles.isEmpty()) {
                try {
                    pools.put(ruleset, compile(ruleset, drlFiles).newKieSessionsPool(1));
                } catch (RuntimeException e) {
                    health.broken(ruleset, drlFiles.stream().map(Ruleset.RuleFile::path)
                            .collect(Collectors.joining(", ")), e);
                }
            }
        }
    }

    /** Runs the rules of the version of the policy in force on {@code date} over {@code facts}. */
    public RulesFired execute(String rulesetId, LocalDate date, Iterable<?> facts) {
        return execute(catalog.select(rulesetId, date, record), facts);
    }

    /**
     * Inserts every fact into one stateless session of this rule-set version (on a pooled stateful session) and
     * fires all rules; the {@code ?explain} listener is this call's own and leaves with the session.
     */
    public RulesFired execute(Ruleset ruleset, Iterable<?> facts) {
        KieSessionsPool pool = pools.get(record.rulesOf(ruleset)); // a simulation's candidate keeps its baseline's rules
        if (pool == null) {
            health.requireLoaded(ruleset);
            throw new IllegalArgumentException("rule set " + ruleset.id() + " " + ruleset.version()
                    + " has no DRL rules");
        }
        StatelessKieSession session = pool.newStatelessKieSession();
        List<FiredRule> fired = new ArrayList<>();
        if (record.explaining()) {
            RulesetRef reference = DecisionEngine.reference(ruleset);
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    Object description = event.getMatch().getRule().getMetaData().get("description");
                    fired.add(new FiredRule().ruleset(reference).name(event.getMatch().getRule().getName())
                            .description(description == null ? null : String.valueOf(description)));
                }
            });
        }
        session.execute(facts);
        RulesFired run = new RulesFired(ruleset, List.copyOf(fired));
        evaluations.add(run);
        return run;
    }

    /** The session pool of a rule-set version (tests: {@code RuleEngineSessionPoolTest}). */
    KieSessionsPool sessions(Ruleset ruleset) {
        return pools.get(ruleset);
    }

    private static KieBase compile(Ruleset ruleset, List<Ruleset.RuleFile> files) {
        KieServices services = KieServices.Factory.get();
        KieFileSystem fileSystem = services.newKieFileSystem();
        fileSystem.generateAndWritePomXML(services.newReleaseId("cn.pbm.rulesets", ruleset.id(), ruleset.version()));
        for (Ruleset.RuleFile file : files) {
            fileSystem.write("src/main/resources/" + file.path(), file.content());
        }
        KieBuilder builder = services.newKieBuilder(fileSystem).buildAll(ExecutableModelProject.class);
        Results results = builder.getResults();
        if (results.hasMessages(Message.Level.ERROR)) {
            throw new IllegalStateException("DRL does not compile: " + results.getMessages(Message.Level.ERROR).stream()
                            .map(Message::toString).collect(Collectors.joining("; ")));
        }
        return services.newKieContainer(builder.getKieModule().getReleaseId()).getKieBase();
    }
}
