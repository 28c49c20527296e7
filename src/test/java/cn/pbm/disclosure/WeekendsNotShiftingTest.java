package cn.pbm.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import cn.pbm.platform.Ruleset;
import cn.pbm.platform.RulesetCatalog;

/**
 * Whether a weekend last day shifts a deadline is in the hashed rule set (decisions/disclosure/counting.json),
 * not in configuration: flipping it changes the rule set's hash, so replay under the old version can tell.
 * With it off, a Saturday last day stays; official holidays still shift.
 */
class WeekendsNotShiftingTest {

    private static RulesetCatalog withCounting(String json) {
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(new ClassLoader(original) {
            @Override
            public InputStream getResourceAsStream(String name) {
                return name.equals(DisclosureCalendars.COUNTING_FILE)
                        ? new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))
                        : super.getResourceAsStream(name);
            }
        });
        try {
            return new RulesetCatalog();
        } finally {
            Thread.currentThread().setContextClassLoader(original);
        }
    }

    private static Ruleset current(RulesetCatalog catalog) {
        return catalog.inForce(DisclosureTables.KINDS, LocalDate.parse("2025-03-02"));
    }

    @Test
    void weekendsOffLeavesASaturdayAndStillShiftsOfficialHolidays() {
        RulesetCatalog off = withCounting("{\"weekendsShiftDeadline\": false}");
        DeadlineCounter counter = new DisclosureCalendars(off, new cn.pbm.platform.RulesetHealth()).counter(current(off));

        assertThat(counter.count(LocalDate.parse("2025-03-02"), 20).dueDate()).isEqualTo("2025-03-22");
        assertThat(counter.count(LocalDate.parse("2025-03-02"), 20).shifted()).isFalse();
        assertThat(counter.count(LocalDate.parse("2025-09-15"), 20).dueDate()).isEqualTo("2025-10-09");
    }

    @Test
    void theDeployedRuleSetShiftsWeekendsAndFlippingItChangesTheHash() {
        RulesetCatalog deployed = new RulesetCatalog();
        RulesetCatalog off = withCounting("{\"weekendsShiftDeadline\": false}");

        assertThat(new DisclosureCalendars(deployed, new cn.pbm.platform.RulesetHealth()).counter(current(deployed))
                .count(LocalDate.parse("2025-03-02"), 20).dueDate()).isEqualTo("2025-03-24");
        assertThat(current(off).version()).isEqualTo(current(deployed).version());
        assertThat(current(off).sha256()).as("same version, different policy: the hash tells")
                .isNotEqualTo(current(deployed).sha256());
    }
}
