package cn.pbm.disclosure;

import java.time.LocalDate;
import java.util.SortedSet;

/**
 * A counted deadline: the day the count reaches, the due date after any shift past rest days (it ends at 24:00),
 * and the years the count needed but whose holiday schedule is not loaded (then the due date is provisional).
 */
public record Deadline(LocalDate lastDayOfPeriod, LocalDate dueDate, SortedSet<Integer> missingYears) {

    public boolean shifted() {
        return !dueDate.equals(lastDayOfPeriod);
    }

    public boolean provisional() {
        return !missingYears.isEmpty();
    }

    /** What a provisional due date tells the caller: which years' schedules are missing and what that means. */
    public String provisionalMessage() {
        String years = missingYears.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        return "provisional: the official holiday schedule for " + years + " is not loaded"
                + " (decisions/disclosure/calendar/<year>.json); weekends were counted as rest days, but official"
                + " holidays and make-up working days of " + years + " are unknown. Recheck once the State Council"
                + " publishes the " + years + " schedule.";
    }
}
