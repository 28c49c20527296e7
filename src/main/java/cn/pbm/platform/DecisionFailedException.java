package cn.pbm.platform;

/** The engine reported an error for input the contract accepted: a defect in a rule set, not in the request. */
public class DecisionFailedException extends RuntimeException {

    public DecisionFailedException(String rulesetId, String messages) {
        super("rule set " + rulesetId + " failed to decide: " + messages);
    }
}
