package cn.pbm.warning;

import java.math.BigDecimal;

/** One follow-up action a rule decided on: code, label and source as the rule states them; amount if any. */
public record FollowUp(String code, String label, String source, BigDecimal amount) {
}
