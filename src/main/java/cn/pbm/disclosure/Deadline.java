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
}
