package cn.pbm.warning;

import java.util.LinkedHashMap;
import java.util.Map;

import cn.pbm.api.model.FollowUpAction;
import cn.pbm.api.model.ProjectWarning;
import cn.pbm.api.model.WarningSummary;

/** The summary of a monitoring list: projects per light and per follow-up action (every action code listed). */
final class WarningTally {

    private int total;
    private int red;
    private int yellow;
    private int green;
    private final Map<String, Integer> actions = new LinkedHashMap<>();

    WarningTally() {
        for (FollowUpAction.CodeEnum code : FollowUpAction.CodeEnum.values()) {
            actions.put(code.value(), 0);
        }
    }

    void add(ProjectWarning result) {
        total++;
        switch (result.getLight()) {
            case RED -> red++;
            case YELLOW -> yellow++;
            case GREEN -> green++;
        }
        for (FollowUpAction action : result.getActions()) {
            actions.merge(action.getCode().value(), 1, Integer::sum);
        }
    }

    WarningSummary summary() {
        return new WarningSummary().total(total).red(red).yellow(yellow).green(green).actions(actions);
    }
}
