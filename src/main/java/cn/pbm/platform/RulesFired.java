package cn.pbm.platform;

import java.util.List;

import cn.pbm.api.model.FiredRule;

/**
 * What one run of a DRL rule set produced besides its effect on the facts, as one value: the rule set
 * version that ran and the rules that fired, in firing order (empty unless the call is explained).
 */
public record RulesFired(Ruleset ruleset, List<FiredRule> fired) {
}
