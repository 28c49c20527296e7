package cn.pbm.warning;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import cn.pbm.api.MonitoringApi;
import cn.pbm.api.model.FollowUpAction;
import cn.pbm.api.model.Light;
import cn.pbm.api.model.MonitoredProject;
import cn.pbm.api.model.MonitoringDecision;
import cn.pbm.api.model.MonitoringRequest;
import cn.pbm.api.model.ProjectWarning;
import cn.pbm.platform.DecisionEndpoints;
import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.PrimaryRuleset;
import cn.pbm.platform.RuleEngine;
import cn.pbm.platform.Ruleset;
import io.quarkus.vertx.http.security.AuthorizationPolicy;
import jakarta.inject.Inject;

/**
 * 绩效运行监控预警 ("双监控"). For a county's whole list as of {@code asOf}: the lights come from the DMN
 * tables (dmn/warning/), one evaluation per project (a long list on all cores); the follow-up actions from the DRL rules
 * (decisions/warning/), one rule session for the whole list. The time progress and the execution rate are
 * decisions of the model (from 2.2.0 on); this class checks the request, rounds the two ratios for display only,
 * and copies the engines' answers into the response in request order. Both files belong to the one
 * rule set {@value #RULESET}, whose version in force on {@code asOf} decides. The family's endpoint: it implements
 * the generated contract ({@link MonitoringApi}); {@code explain} is the platform's.
 */
@AuthorizationPolicy(name = DecisionEndpoints.POLICY)
@PrimaryRuleset(value = WarningTables.RULESET, listsAll = false)
public class WarningResource implements MonitoringApi {

    static final String RULESET = WarningTables.RULESET;
    private static final Logger LOG = Logger.getLogger(WarningResource.class);

    @Inject
    DecisionEngine engine;
    @Inject
    WarningTables lights;
    @Inject
    RuleEngine rules;

    @Override
    public MonitoringDecision monitoringWarnings(MonitoringRequest request, Boolean explain) {
        long start = System.nanoTime();
        WarningRequestCheck.check(request);
        Ruleset ruleset = engine.inForceFor(RULESET, request.getAsOf(), request.getJurisdiction(), "/asOf");

        List<MonitoredProject> projects = request.getProjects();
        List<WarningTables.Project> inputs = new ArrayList<>(projects.size());
        for (MonitoredProject project : projects) {
            inputs.add(new WarningTables.Project(project.getExecuted(), project.getBudget(),
                    project.getTargets() == null ? List.of() : project.getTargets()));
        }
        List<WarningTables.Lights> projectLights = lights.ofEach(ruleset, request.getAsOf(), inputs);

        List<ProjectWarning> results = new ArrayList<>(projects.size());
        List<Object> facts = new ArrayList<>(projects.size() + 1);
        facts.add(new MonitoringDate(request.getAsOf()));
        for (int i = 0; i < projects.size(); i++) {
            MonitoredProject project = projects.get(i);
            WarningTables.Lights light = projectLights.get(i);
            facts.add(new MonitoringCase(project.getBudget(), project.getExecuted(),
                    project.getForecastYearEndExecuted(), project.getDirectFunds(),
                    project.getImplementationConditionsMet(), light.executionLight(), light.targetLights()));
            results.add(new ProjectWarning()
                    .projectId(project.getProjectId())
                    .timeProgress(forDisplay(light.timeProgress()))
                    .executionRate(forDisplay(light.executionRate()))
                    .executionLight(Light.fromValue(light.executionLight()))
                    .targetLights(light.targetLights().stream().map(Light::fromValue).toList())
                    .light(Light.fromValue(light.light()))
                    .lightLabel(light.lightLabel()));
        }

        long lit = System.nanoTime();
        rules.execute(ruleset, facts);
        long fired = System.nanoTime();

        WarningTally tally = new WarningTally();
        for (int i = 0; i < results.size(); i++) {
            ProjectWarning result = results.get(i);
            List<FollowUp> followUps = ((MonitoringCase) facts.get(i + 1)).actions();
            List<FollowUpAction> actions = new ArrayList<>(followUps.size());
            for (FollowUp followUp : followUps) {
                actions.add(new FollowUpAction()
                        .code(FollowUpAction.CodeEnum.fromValue(followUp.code()))
                        .label(followUp.label())
                        .source(followUp.source())
                        .amount(followUp.amount() == null ? null
                                : followUp.amount().setScale(2, RoundingMode.HALF_UP)));
            }
            result.actions(actions);
            tally.add(result);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debugf("%d projects: check + lights (DMN) %d ms, follow-up rules (DRL) %d ms, response %d ms",
                    results.size(), (lit - start) / 1_000_000, (fired - lit) / 1_000_000,
                    (System.nanoTime() - fired) / 1_000_000);
        }
        return new MonitoringDecision()
                .results(results)
                .summary(tally.summary());
    }

    /**
     * A ratio as the response shows it: half-up to 4 decimal places (the contract's display form). The model's
     * exact ratio is what the light was decided on; this rounding decides nothing.
     */
    private static BigDecimal forDisplay(BigDecimal ratio) {
        return ratio.setScale(4, RoundingMode.HALF_UP);
    }
}
