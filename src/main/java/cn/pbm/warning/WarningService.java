package cn.pbm.warning;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import cn.pbm.api.model.FollowUpAction;
import cn.pbm.api.model.Light;
import cn.pbm.api.model.MonitoredProject;
import cn.pbm.api.model.MonitoringDecision;
import cn.pbm.api.model.MonitoringRequest;
import cn.pbm.api.model.ProjectWarning;
import cn.pbm.platform.RuleEngine;
import cn.pbm.platform.Ruleset;
import cn.pbm.platform.DecisionEngine;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * 绩效运行监控预警 ("双监控"). For a county's whole list as of {@code asOf}: the lights come from the DMN
 * tables (dmn/warning/), one evaluation per project (a long list on all cores); the follow-up actions from the DRL rules
 * (decisions/warning/), one rule session for the whole list. This class checks the request, computes the two
 * ratios, and copies the engines' answers into the response in request order. Both files belong to the one
 * rule set {@value #RULESET}, whose version in force on {@code asOf} decides.
 */
@ApplicationScoped
public class WarningService {

    static final String RULESET = WarningTables.RULESET;
    private static final Logger LOG = Logger.getLogger(WarningService.class);

    private final DecisionEngine engine;
    private final WarningTables lights;
    private final RuleEngine rules;

    public WarningService(DecisionEngine engine, WarningTables lights, RuleEngine rules) {
        this.engine = engine;
        this.lights = lights;
        this.rules = rules;
    }

    public MonitoringDecision monitoringWarnings(MonitoringRequest request) {
        long start = System.nanoTime();
        WarningRequestCheck.check(request);
        engine.forJurisdiction(request.getJurisdiction());
        Ruleset ruleset = engine.inForce(RULESET, request.getAsOf(), "/asOf");
        BigDecimal timeProgress = ExecutionProgress.timeProgress(request.getAsOf());
        BigDecimal timeProgressOut = ExecutionProgress.forOutput(timeProgress);

        List<MonitoredProject> projects = request.getProjects();
        List<BigDecimal> executionRates = new ArrayList<>(projects.size());
        List<WarningTables.Project> inputs = new ArrayList<>(projects.size());
        for (MonitoredProject project : projects) {
            BigDecimal executionRate = ExecutionProgress.executionRate(project.getExecuted(), project.getBudget());
            executionRates.add(executionRate);
            inputs.add(new WarningTables.Project(executionRate,
                    project.getTargets() == null ? List.of() : project.getTargets()));
        }
        List<WarningTables.Lights> projectLights = lights.ofEach(ruleset, timeProgress, inputs);

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
                    .timeProgress(timeProgressOut)
                    .executionRate(ExecutionProgress.forOutput(executionRates.get(i)))
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
            List<FollowUp> followUps = ((MonitoringCase) facts.get(i + 1)).getActions();
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
}
