package cn.pbm.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.pbm.platform.Ruleset;
import cn.pbm.platform.RulesetCatalog;

/**
 * The holiday calendar and the counting, without the application: the deployed year files, adding a year as a
 * pure data change (a test manifest that lists a 2027 file), the weekend setting, and broken year files.
 */
class HolidayCalendarTest {

    private static final Path NEXT_YEAR = Path.of("src/test/resources/disclosure-next-year");

    private static Ruleset deployed() {
        return new RulesetCatalog().versions(DisclosureTables.KINDS).get(0);
    }

    /** The catalog as the service would read it with the test manifest and the test 2027 file laid over the build. */
    private static RulesetCatalog withNextYear() {
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(new ClassLoader(original) {
            @Override
            public InputStream getResourceAsStream(String name) {
                Path overlay = NEXT_YEAR.resolve(name);
                try {
                    return Files.isRegularFile(overlay) ? Files.newInputStream(overlay) : super.getResourceAsStream(name);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        try {
            return new RulesetCatalog();
        } finally {
            Thread.currentThread().setContextClassLoader(original);
        }
    }

    @Test
    void theDeployedCalendarIsEveryYearFileTheRulesetLists() {
        HolidayCalendar calendar = HolidayCalendar.of(deployed());

        assertThat(calendar.years()).containsExactly(2025, 2026);
        assertThat(calendar.holidayName(LocalDate.parse("2025-10-08"))).isEqualTo("国庆节、中秋节");
        assertThat(calendar.isRestDay(LocalDate.parse("2025-01-26"), true)).as("Sunday, make-up working day").isFalse();
        assertThat(calendar.isRestDay(LocalDate.parse("2026-02-23"), true)).as("Spring Festival").isTrue();
    }

    @Test
    void pastTheLoadedYearsTheCountIsProvisionalAndNamesTheYear() {
        Deadline deadline = new DeadlineCounter(HolidayCalendar.of(deployed()), true)
                .count(LocalDate.parse("2026-12-20"), 20);

        assertThat(deadline.lastDayOfPeriod()).isEqualTo("2027-01-09");
        assertThat(deadline.dueDate()).as("Saturday → Monday, weekends only").isEqualTo("2027-01-11");
        assertThat(deadline.provisional()).isTrue();
        assertThat(deadline.missingYears()).containsExactly(2027);
    }

    @Test
    void addingNextYearIsAFileAndAManifestLineNoCode() {
        RulesetCatalog catalog = withNextYear();
        Ruleset ruleset = catalog.inForce(DisclosureTables.KINDS, LocalDate.parse("2026-12-20"));
        DisclosureCalendars calendars = new DisclosureCalendars(catalog, new cn.pbm.platform.RulesetHealth());

        assertThat(calendars.calendar(ruleset).years()).containsExactly(2025, 2026, 2027);
        Deadline deadline = calendars.counter(ruleset).count(LocalDate.parse("2026-12-20"), 20);
        assertThat(deadline.dueDate()).as("2027-01-09 is a make-up working day in the test 2027 file")
                .isEqualTo("2027-01-09");
        assertThat(deadline.provisional()).isFalse();
        // and a rest day of the new file shifts a deadline: 2026-12-22 + 20 = 2027-01-11 (test holiday) → 01-13
        assertThat(calendars.counter(ruleset).count(LocalDate.parse("2026-12-22"), 20).dueDate()).isEqualTo("2027-01-13");
    }

    @Test
    void withWeekendsSwitchedOffOnlyOfficialHolidaysShift() {
        DeadlineCounter counter = new DeadlineCounter(HolidayCalendar.of(deployed()), false);

        assertThat(counter.count(LocalDate.parse("2025-03-02"), 20).dueDate()).as("Saturday stays").isEqualTo("2025-03-22");
        assertThat(counter.count(LocalDate.parse("2025-09-15"), 20).dueDate()).as("National Day still shifts")
                .isEqualTo("2025-10-09");
    }

    @Test
    void theDigestsWorkedExamples() {
        DeadlineCounter counter = new DeadlineCounter(HolidayCalendar.of(deployed()), true);

        assertThat(counter.count(LocalDate.parse("2025-09-15"), 20).dueDate()).isEqualTo("2025-10-09");
        assertThat(counter.count(LocalDate.parse("2026-01-27"), 20).dueDate()).isEqualTo("2026-02-24");
        assertThat(counter.count(LocalDate.parse("2025-01-06"), 20).dueDate()).isEqualTo("2025-01-26");
        assertThat(counter.count(LocalDate.parse("2025-03-02"), 20).dueDate()).isEqualTo("2025-03-24");
        assertThat(counter.count(LocalDate.parse("2025-04-20"), 15).dueDate()).isEqualTo("2025-05-06");
    }

    @Test
    void aBrokenYearFileIsRefused() {
        assertThatThrownBy(() -> calendar("2025", "{\"_source\":\"x\",\"year\":2025,\"rest_days\":{\"a\":[\"2025-10-01\"]},"
                + "\"adjusted_workdays\":[\"2025-10-09\"]}"))
                .hasMessageContaining("2025-10-09").hasMessageContaining("not a weekend day");
        assertThatThrownBy(() -> calendar("2025", "{\"_source\":\"x\",\"year\":2025,\"rest_days\":{\"a\":[\"2026-01-01\"]},"
                + "\"adjusted_workdays\":[]}"))
                .hasMessageContaining("not in 2025");
        assertThatThrownBy(() -> calendar("2026", "{\"_source\":\"x\",\"year\":2025,\"rest_days\":{\"a\":[\"2025-01-01\"]},"
                + "\"adjusted_workdays\":[]}"))
                .hasMessageContaining("'year' must be 2026");
        assertThatThrownBy(() -> calendar("2025", "{\"year\":2025,\"rest_days\":{\"a\":[\"2025-01-01\"]},\"adjusted_workdays\":[]}"))
                .hasMessageContaining("_source");
    }

    private static HolidayCalendar calendar(String year, String json) {
        byte[] content = json.getBytes(StandardCharsets.UTF_8);
        return HolidayCalendar.fromFiles(List.of(
                new Ruleset.RuleFile("decisions/disclosure/calendar/" + year + ".json", content, "test")));
    }
}
