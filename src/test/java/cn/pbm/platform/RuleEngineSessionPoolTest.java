package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;

import cn.pbm.api.model.FiredRule;
import cn.pbm.warning.FollowUp;
import cn.pbm.warning.MonitoringCase;
import cn.pbm.warning.MonitoringDate;

/**
 * {@link RuleEngine} runs each call on a stateful session from Drools' pool (issue 19). A pooled session must
 * come back as a fresh one: the {@code ?explain} listener of a previous call is gone (a plain call records no
 * fired rule, and the earlier call's listener sees nothing more), the facts of a previous call are never seen by
 * the next one's rules, and calls under way at once each get their own session. The reference for every answer is
 * a new, unpooled session of the same rule base, as the engine used before the pool.
 */
class RuleEngineSessionPoolTest {

    private static final ThreadLocal<Boolean> EXPLAINING = ThreadLocal.withInitial(() -> false);
    private static final ThreadLocal<List<RulesFired>> RUNS = ThreadLocal.withInitial(ArrayList::new);
    private static RuleEngine engine;
    private static Ruleset ruleset;
    private static KieBase base;

    /** The call's own record (explaining or not) and evaluations, per thread as a request scope would give them. */
    @BeforeAll
    static void engine() {
        RulesetCatalog catalog = new RulesetCatalog();
        engine = newEngine(catalog);
        ruleset = catalog.inForce("warning.execution-monitoring", LocalDate.of(2026, 11, 15));
        KieSession any = engine.sessions(ruleset).newKieSession();
        base = any.getKieBase();
        any.dispose();
    }

    private static RuleEngine newEngine(RulesetCatalog catalog) {
        DecisionRecord record = new DecisionRecord() {
            @Override
            public boolean explaining() {
                return EXPLAINING.get();
            }
        };
        RuleEngine engine = new RuleEngine(catalog, record, new RulesetHealth());
        engine.evaluations = new Evaluations() {
            @Override
            void add(RulesFired fired) {
                RUNS.get().add(fired);
            }
        };
        return engine;
    }

    @AfterAll
    static void clear() {
        EXPLAINING.remove();
        RUNS.remove();
    }

    @Test
    void thePoolHandsBackTheSameSessionReset() {
        RulesetCatalog catalog = new RulesetCatalog();
        RuleEngine engine = newEngine(catalog); // its own pool: one session, whatever the other tests ran
        Ruleset ruleset = catalog.inForce("warning.execution-monitoring", LocalDate.of(2026, 11, 15));
        KieSessionsPool pool = engine.sessions(ruleset);
        KieSession first = pool.newKieSession();
        first.dispose();
        KieSession second = pool.newKieSession();
        try {
            assertThat(second).as("one call at a time: the pool reuses its one session").isSameAs(first);
        } finally {
            second.dispose();
        }

        // a listener of an earlier call on the pool's session hears nothing of a later call
        List<String> heard = new ArrayList<>();
        StatelessKieSession earlier = pool.newStatelessKieSession();
        earlier.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                heard.add(event.getMatch().getRule().getName());
            }
        });
        earlier.execute(facts(everyAction()));
        int heardOfItsOwnCall = heard.size();
        assertThat(heardOfItsOwnCall).isPositive();

        EXPLAINING.set(true);
        RulesFired explained = engine.execute(ruleset, facts(everyAction()));
        EXPLAINING.set(false);
        assertThat(explained.fired()).isNotEmpty();

        KieSession back = pool.newKieSession(); // the session the explained call ran on, given back
        try {
            assertThat(back).isSameAs(first);
            assertThat(back.getFactCount()).as("no fact of the explained call left").isZero();
            assertThat(back.getAgendaEventListeners()).as("no listener of the explained call left").isEmpty();
            assertThat(back.getRuleRuntimeEventListeners()).isEmpty();
        } finally {
            back.dispose();
        }
        assertThat(engine.execute(ruleset, facts(everyAction())).fired()).isEmpty();
        assertThat(heard).as("the earlier call's listener heard only its own call").hasSize(heardOfItsOwnCall);
    }

    @Test
    void anExplainedCallThenAPlainOneRecordsNoFiredRuleAndSeesNoEarlierFact() {
        List<Object> first = facts(everyAction());
        EXPLAINING.set(true);
        RulesFired explained = engine.execute(ruleset, first);
        EXPLAINING.set(false);
        List<String> firstActions = codes(first);
        assertThat(explained.fired()).extracting(FiredRule::getName).hasSize(firstActions.size());
        assertThat(firstActions).isEqualTo(reference(everyAction())).isNotEmpty();

        List<Object> second = facts(new MonitoringCase(new BigDecimal("100"), new BigDecimal("100"), null, false,
                true, "GREEN", List.of("GREEN")));
        RulesFired plain = engine.execute(ruleset, second);
        assertThat(plain.fired()).as("a plain call after an explained one on the same session").isEmpty();
        assertThat(codes(second)).as("the second call's rules never saw the first call's facts").isEmpty();
        assertThat(codes(first)).as("nor acted on them again").isEqualTo(firstActions);

        List<Object> third = facts(everyAction());
        RulesFired plainAgain = engine.execute(ruleset, third);
        assertThat(plainAgain.fired()).isEmpty();
        assertThat(codes(third)).as("each fact acted on once: no action doubled by an earlier call's fact")
                .isEqualTo(firstActions);
    }

    @Test
    void callsUnderWayAtOnceEachGetTheirOwnSession() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = t;
                calls.add(threads.submit(() -> {
                    Random random = new Random(seed);
                    int checked = 0;
                    for (int call = 0; call < 300; call++) {
                        List<MonitoringCase> cases = new ArrayList<>();
                        for (int i = 1 + random.nextInt(3); i > 0; i--) {
                            cases.add(randomCase(random));
                        }
                        boolean explaining = random.nextBoolean();
                        EXPLAINING.set(explaining);
                        List<Object> facts = facts(cases.toArray(MonitoringCase[]::new));
                        RulesFired run = engine.execute(ruleset, facts);
                        EXPLAINING.set(false);
                        List<String> expected = reference(copies(cases));
                        assertThat(codes(facts)).isEqualTo(expected);
                        assertThat(run.fired()).hasSize(explaining ? expected.size() : 0);
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> call : calls) {
                assertThat(call.get()).isEqualTo(300);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** A project every default-profile rule acts on, monitored on 15 November. */
    private static MonitoringCase everyAction() {
        return new MonitoringCase(new BigDecimal("1000"), BigDecimal.ZERO, new BigDecimal("400"), true, false,
                "RED", List.of("GREEN", "RED"));
    }

    private static MonitoringCase randomCase(Random random) {
        BigDecimal budget = new BigDecimal(1 + random.nextInt(1000));
        BigDecimal executed = random.nextInt(4) == 0 ? BigDecimal.ZERO : new BigDecimal(random.nextInt(1000));
        BigDecimal forecast = random.nextBoolean() ? null : new BigDecimal(random.nextInt(1200));
        String[] lights = { "GREEN", "YELLOW", "RED" };
        return new MonitoringCase(budget, executed, forecast, random.nextBoolean(), random.nextBoolean(),
                lights[random.nextInt(3)], List.of(lights[random.nextInt(3)], lights[random.nextInt(3)]));
    }

    private static List<Object> facts(MonitoringCase... cases) {
        List<Object> facts = new ArrayList<>();
        facts.add(new MonitoringDate(LocalDate.of(2026, 11, 15)));
        facts.addAll(List.of(cases));
        return facts;
    }

    private static MonitoringCase[] copies(List<MonitoringCase> cases) {
        return cases.stream().map(c -> new MonitoringCase(c.budget(), c.executed(),
                c.forecastYearEndExecuted(), c.directFunds(), c.implementationConditionsMet(),
                c.executionLight(), c.targetLights())).toArray(MonitoringCase[]::new);
    }

    /** The actions a new, unpooled session gives the same facts (the engine before the pool). */
    private static List<String> reference(MonitoringCase... cases) {
        List<Object> facts = facts(cases);
        base.newStatelessKieSession().execute(facts);
        return codes(facts);
    }

    /** Every case's action codes and amounts, in case order. */
    private static List<String> codes(List<Object> facts) {
        List<String> codes = new ArrayList<>();
        for (Object fact : facts) {
            if (fact instanceof MonitoringCase monitoringCase) {
                for (FollowUp action : monitoringCase.actions()) {
                    codes.add(facts.indexOf(fact) + ":" + action.code() + ":" + action.amount());
                }
            }
        }
        return codes;
    }
}
