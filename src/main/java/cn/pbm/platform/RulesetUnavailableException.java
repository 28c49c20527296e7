package cn.pbm.platform;

/**
 * A call needs a rule-set version that did not load at start-up (see {@link RulesetHealth}): answered 503
 * {@code application/problem+json}, naming the version and the file. The service itself is running; the
 * rule file has to be fixed and the service restarted.
 */
public class RulesetUnavailableException extends RuntimeException {

    private final RulesetHealth.Problem problem;

    public RulesetUnavailableException(RulesetHealth.Problem problem) {
        super("rule set " + problem.rulesetId() + " " + problem.version() + " is not available: "
                + problem.describe());
        this.problem = problem;
    }

    public RulesetHealth.Problem problem() {
        return problem;
    }
}
