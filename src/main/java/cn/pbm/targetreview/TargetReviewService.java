package cn.pbm.targetreview;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.pbm.api.model.ProjectTargetReview;
import cn.pbm.api.model.ReviewStages;
import cn.pbm.api.model.ReviewedTarget;
import cn.pbm.api.model.StageResult;
import cn.pbm.api.model.TargetFinding;
import cn.pbm.api.model.TargetFindingCode;
import cn.pbm.api.model.TargetReviewDecision;
import cn.pbm.api.model.TargetReviewProject;
import cn.pbm.api.model.TargetReviewRequest;
import cn.pbm.api.model.TargetReviewSummary;
import cn.pbm.api.model.TargetReviewVerdict;
import cn.pbm.disclosure.Deadline;
import cn.pbm.disclosure.DisclosureCalendars;
import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.Ruleset;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * 绩效目标审核. The required dimensions, which finding blocks, the messages, the verdicts and their labels, and the
 * revision period are the tables' (dmn/targetreview/); the due date is counted on the holiday calendar like the
 * disclosure deadlines. This class checks the request, collects each target's facts, evaluates each distinct set of
 * facts once, turns the findings into JSON pointers and answers one result per project in request order.
 */
@ApplicationScoped
public class TargetReviewService {

    private final DecisionEngine engine;
    private final TargetReviewTables rules;
    private final DisclosureCalendars calendars;

    public TargetReviewService(DecisionEngine engine, TargetReviewTables rules, DisclosureCalendars calendars) {
        this.engine = engine;
        this.rules = rules;
        this.calendars = calendars;
    }

    public TargetReviewDecision reviewTargets(TargetReviewRequest request) {
        TargetReviewRequestCheck.check(request);
        Ruleset ruleset = ruleset(request.getReviewDate(), request.getJurisdiction());

        List<TargetReviewProject> projects = request.getProjects();
        Map<TargetReviewTables.Facts, Integer> distinct = new LinkedHashMap<>();
        int[] factIndex = new int[projects.size()];
        for (int i = 0; i < projects.size(); i++) {
            factIndex[i] = distinct.computeIfAbsent(facts(projects.get(i)), f -> distinct.size());
        }
        List<TargetReviewTables.Ruling> rulings = rules.ruleEach(ruleset, new ArrayList<>(distinct.keySet()));

        Map<Integer, Deadline> dueDates = new HashMap<>();
        Map<String, Integer> verdicts = new LinkedHashMap<>();
        for (TargetReviewVerdict verdict : TargetReviewVerdict.values()) {
            verdicts.put(verdict.toString(), 0);
        }
        Map<String, Integer> findingCounts = new LinkedHashMap<>();
        for (TargetFindingCode code : TargetFindingCode.values()) {
            findingCounts.put(code.toString(), 0);
        }
        List<ProjectTargetReview> results = new ArrayList<>(projects.size());
        for (int i = 0; i < projects.size(); i++) {
            TargetReviewTables.Ruling ruling = rulings.get(factIndex[i]);
            ProjectTargetReview result = result(projects.get(i), "/projects/" + i, ruling);
            if (ruling.revisionDays() != null) {
                Deadline due = dueDates.computeIfAbsent(ruling.revisionDays(),
                        days -> calendars.counter(ruleset).count(request.getReviewDate(), days));
                result.revisionDays(ruling.revisionDays()).revisionDueDate(due.dueDate());
                if (due.provisional()) {
                    result.revisionDueDateProvisional(true);
                }
            }
            verdicts.merge(ruling.verdict(), 1, Integer::sum);
            Set<String> codes = new HashSet<>();
            ruling.findings().forEach(f -> codes.add(f.code()));
            codes.forEach(code -> findingCounts.merge(code, 1, Integer::sum));
            results.add(result);
        }
        return new TargetReviewDecision()
                .reviewDate(request.getReviewDate())
                .jurisdiction(request.getJurisdiction())
                .results(results)
                .summary(new TargetReviewSummary().total(projects.size()).verdicts(verdicts).findings(findingCounts));
    }

    /** The one place the rule-set version is chosen. */
    private Ruleset ruleset(LocalDate reviewDate, String jurisdiction) {
        // jurisdiction: the version in force on reviewDate for the request's jurisdiction (null: pbm.jurisdiction.default),
        // falling back along its parents to the default profile; an unknown code is a 400 at /jurisdiction
        engine.forJurisdiction(jurisdiction);
        return engine.inForce(TargetReviewTables.RULESET, reviewDate, "/reviewDate");
    }

    private static TargetReviewTables.Facts facts(TargetReviewProject project) {
        List<TargetReviewTables.TargetFacts> targets = new ArrayList<>(project.getTargets().size());
        for (ReviewedTarget target : project.getTargets()) {
            targets.add(new TargetReviewTables.TargetFacts(
                    target.getDimension() == null ? null : target.getDimension().toString(),
                    target.getIndicator(),
                    target.getKind() == ReviewedTarget.KindEnum.QUANTITATIVE,
                    target.getValue() != null,
                    target.getUnit() != null && !target.getUnit().isBlank()));
        }
        ReviewStages stages = project.getStages();
        return new TargetReviewTables.Facts(List.copyOf(targets), code(stages.getUnitSelfCheck()),
                code(stages.getDepartmentReview()), code(stages.getFinanceReview()));
    }

    private static String code(StageResult result) {
        return result == null ? null : result.toString();
    }

    private static ProjectTargetReview result(TargetReviewProject project, String at, TargetReviewTables.Ruling ruling) {
        List<TargetFinding> findings = new ArrayList<>(ruling.findings().size());
        for (TargetReviewTables.Finding f : ruling.findings()) {
            String pointer = f.target() != null ? at + "/targets/" + f.target()
                    : f.stage() != null ? at + "/stages/" + f.stage()
                    : at + "/targets";
            TargetFinding finding = new TargetFinding()
                    .code(TargetFindingCode.fromValue(f.code()))
                    .message(f.message())
                    .pointer(pointer)
                    .blocking(f.blocking());
            if (f.dimension() != null) {
                finding.dimension(TargetFinding.DimensionEnum.fromValue(f.dimension()));
            }
            if (f.stage() != null) {
                finding.stage(TargetFinding.StageEnum.fromValue(f.stage()));
            }
            findings.add(finding);
        }
        return new ProjectTargetReview()
                .projectId(project.getProjectId())
                .verdict(TargetReviewVerdict.fromValue(ruling.verdict()))
                .verdictLabel(ruling.verdictLabel())
                .findings(findings);
    }
}
