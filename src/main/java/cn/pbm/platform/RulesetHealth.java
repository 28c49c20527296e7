package cn.pbm.platform;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What did not load at start-up: a rule-set version whose file does not compile, or whose holiday calendar
 * does not parse. The service starts anyway, so that the rule sets that did load keep answering; it is not
 * ready ({@code /q/health/ready} names the file and the compiler's message), and a call that needs a broken
 * version is answered 503 ({@link RulesetUnavailableException}).
 */
@ApplicationScoped
public class RulesetHealth {

    private final Map<String, Problem> problems = new TreeMap<>();

    /** A problem with one file of a rule-set version. */
    public record Problem(String rulesetId, String version, String file, String message) {

        public String describe() {
            return file + ": " + message;
        }
    }

    public synchronized void broken(Ruleset ruleset, String file, Throwable failure) {
        broken(ruleset, file, messageOf(failure));
    }

    public synchronized void broken(Ruleset ruleset, String file, String message) {
        problems.putIfAbsent(key(ruleset), new Problem(ruleset.id(), ruleset.version(), file, message));
    }

    public synchronized Optional<Problem> problem(Ruleset ruleset) {
        return Optional.ofNullable(problems.get(key(ruleset)));
    }

    /** Every problem, keyed {@code id version}. */
    public synchronized Map<String, Problem> problems() {
        return new TreeMap<>(problems);
    }

    /** Throws the 503 for a call that needs {@code ruleset} if it did not load; otherwise does nothing. */
    public void requireLoaded(Ruleset ruleset) {
        Optional<Problem> problem = problem(ruleset);
        if (problem.isPresent()) {
            throw new RulesetUnavailableException(problem.get());
        }
    }

    private static String key(Ruleset ruleset) {
        return ruleset.id() + " " + ruleset.version();
    }

    /** The failure's message and those of its causes, without repeats. */
    static String messageOf(Throwable failure) {
        StringBuilder message = new StringBuilder();
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            String text = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            if (message.indexOf(text) < 0) {
                message.append(message.length() == 0 ? "" : " <- ").append(text);
            }
        }
        return message.toString();
    }
}
