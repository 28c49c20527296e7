package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A version scoped to a jurisdiction decides for it and those below it; others fall back to the default profile. */
class JurisdictionSelectionTest {

    private static Ruleset version(String version, String from, String jurisdiction) {
        return new Ruleset("policy.x", "x", version, LocalDate.parse(from), null, List.of(), "source", "change",
                version + "-hash", jurisdiction);
    }

    private final Jurisdictions jurisdictions = new Jurisdictions(Map.of(
            "640000", new Jurisdictions.Jurisdiction("640000", "宁夏回族自治区", null),
            "640300", new Jurisdictions.Jurisdiction("640300", "吴忠市", "640000"),
            "640324", new Jurisdictions.Jurisdiction("640324", "同心县", "640300"),
            "640500", new Jurisdictions.Jurisdiction("640500", "中卫市", "640000")), null);

    private final RulesetCatalog catalog = new RulesetCatalog(List.of(
            version("1.0.0", "2021-01-01", null),
            version("2.0.0", "2024-01-01", null),
            version("1.0.0+640000", "2023-01-01", "640000"),
            version("1.0.0+640324", "2022-01-01", "640324")));

    private String select(String jurisdiction, String date) {
        return catalog.inForce("policy.x", LocalDate.parse(date), jurisdictions.chain(jurisdiction)).version();
    }

    @Test
    void theNearestJurisdictionWithAVersionInForceDecides() {
        assertThat(select("640324", "2025-01-01")).isEqualTo("1.0.0+640324");
        assertThat(select("640300", "2025-01-01")).as("吴忠市 has none: its parent 宁夏 decides").isEqualTo("1.0.0+640000");
        assertThat(select("640500", "2025-01-01")).isEqualTo("1.0.0+640000");
        assertThat(select("640000", "2025-01-01")).isEqualTo("1.0.0+640000");
    }

    @Test
    void beforeAScopedVersionTakesEffectTheChainFallsBackFurther() {
        assertThat(select("640324", "2021-06-01")).as("同心县's own is not yet in force, nor 宁夏's").isEqualTo("1.0.0");
        assertThat(select("640500", "2022-06-01")).isEqualTo("1.0.0");
        assertThat(select("640324", "2022-06-01")).isEqualTo("1.0.0+640324");
    }

    @Test
    void noJurisdictionIsTheDefaultProfileAndAnUnknownCodeNamesTheField() {
        assertThat(select(null, "2025-01-01")).isEqualTo("2.0.0");
        assertThatThrownBy(() -> jurisdictions.chain("640399"))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.errors().get(0).getField()).isEqualTo("/jurisdiction"));
    }

    @Test
    void theConfiguredDefaultAppliesWhenTheRequestNamesNone() {
        Jurisdictions tongxinByDefault = new Jurisdictions(Map.of(
                "640000", new Jurisdictions.Jurisdiction("640000", "宁夏回族自治区", null),
                "640324", new Jurisdictions.Jurisdiction("640324", "同心县", "640000")), "640324");
        assertThat(tongxinByDefault.chain(null)).containsExactly("640324", "640000");
        assertThat(new Jurisdictions(java.util.Optional.empty()).chain("140423")).containsExactly("140423", "140400", "140000");
    }
}
