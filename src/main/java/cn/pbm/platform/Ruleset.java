package cn.pbm.platform;

import java.time.LocalDate;
import java.util.List;

/**
 * One entry of the rule-set manifest ({@code dmn/rulesets.yaml}) as deployed: what the policy officer wrote,
 * plus the SHA-256 of every file, computed from the exact bytes the engine compiles. {@code jurisdiction} is the
 * six-digit code (dmn/jurisdictions.yaml) the version is scoped to, or null for the default profile.
 */
public record Ruleset(
        String id,
        String title,
        String version,
        LocalDate effectiveFrom,
        LocalDate effectiveTo,
        List<RuleFile> files,
        String source,
        String change,
        String sha256,
        String jurisdiction) {

    /** A version of the default profile (no jurisdiction scope). */
    public Ruleset(String id, String title, String version, LocalDate effectiveFrom, LocalDate effectiveTo,
            List<RuleFile> files, String source, String change, String sha256) {
        this(id, title, version, effectiveFrom, effectiveTo, files, source, change, sha256, null);
    }

    /**
     * Hashes what names the version (id, version, SHA-256 of its files, jurisdiction) rather than every component:
     * a rule set is a map key on every call (its compiled model, its rule sessions), and the record's own hash went
     * through its title, texts, dates and every file (issue 19: 3 % of a one-project monitoring call's CPU). Equal
     * rule sets still hash alike, so {@code equals} is the record's own.
     */
    @Override
    public int hashCode() {
        int hash = java.util.Objects.hashCode(id);
        hash = 31 * hash + java.util.Objects.hashCode(version);
        hash = 31 * hash + java.util.Objects.hashCode(sha256);
        return 31 * hash + java.util.Objects.hashCode(jurisdiction);
    }

    /** A rule file: its path in the repository ({@code dmn/...}), its bytes and their SHA-256. */
    public record RuleFile(String path, byte[] content, String sha256) {
    }
}
