package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Effective dating: the date a request is about picks the version in force. */
class RulesetVersionsTest {

    private static Ruleset version(String version, String from, String to) {
        return new Ruleset("policy.x", "x", version, LocalDate.parse(from), to == null ? null : LocalDate.parse(to),
                List.of(), "source", "change", version + "-hash");
    }

    private final RulesetCatalog catalog = new RulesetCatalog(List.of(
            version("2020.1", "2020-01-01", "2021-01-01"),
            version("2021.1", "2021-01-01", null),
            version("2023.1", "2023-07-01", null)));

    @Test
    void theDateSelectsTheVersionInForce() {
        assertThat(catalog.inForce("policy.x", LocalDate.parse("2020-12-31")).version()).isEqualTo("2020.1");
        assertThat(catalog.inForce("policy.x", LocalDate.parse("2021-01-01")).version()).isEqualTo("2021.1");
        assertThat(catalog.inForce("policy.x", LocalDate.parse("2023-06-30")).version()).isEqualTo("2021.1");
        assertThat(catalog.inForce("policy.x", LocalDate.parse("2023-07-01")).version()).isEqualTo("2023.1");
    }

    @Test
    void aDateBeforeAnyVersionNamesThePolicyAndTheDate() {
        assertThatThrownBy(() -> catalog.inForce("policy.x", LocalDate.parse("2019-12-31")))
                .isInstanceOf(NoRulesetInForceException.class)
                .hasMessageContaining("policy.x")
                .hasMessageContaining("2019-12-31");
    }
    @Test
    void aRulesetIsFoundAsAKeyByAnEqualOneAndNotByAnotherVersionOrJurisdiction() {
        Ruleset deployed = version("2021.1", "2021-01-01", null);
        Ruleset same = version("2021.1", "2021-01-01", null);
        java.util.Map<Ruleset, String> models = new java.util.HashMap<>(java.util.Map.of(deployed, "model"));
        assertThat(same).isEqualTo(deployed).hasSameHashCodeAs(deployed);
        assertThat(models.get(same)).isEqualTo("model");
        assertThat(models.get(version("2023.1", "2021-01-01", null))).isNull();
        Ruleset scoped = new Ruleset("policy.x", "x", "2021.1", LocalDate.parse("2021-01-01"), null, List.of(),
                "source", "change", "2021.1-hash", "640522");
        assertThat(models.get(scoped)).isNull();
        // the hash names the version; equality is still every component's (a title edited in the manifest is not the
        // same deployed rule set)
        Ruleset retitled = new Ruleset("policy.x", "y", "2021.1", LocalDate.parse("2021-01-01"), null, List.of(),
                "source", "change", "2021.1-hash");
        assertThat(retitled).isNotEqualTo(deployed);
        assertThat(models.get(retitled)).isNull();
    }
}
