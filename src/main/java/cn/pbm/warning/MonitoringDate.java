package cn.pbm.warning;

import java.time.LocalDate;

/**
 * The monitoring date as a rule fact, so that the follow-up rules (decisions/warning/*.drl) state their own
 * milestones ("on or after 30 June of the monitoring year").
 */
public class MonitoringDate {

    private final LocalDate asOf;

    public MonitoringDate(LocalDate asOf) {
        this.asOf = asOf;
    }

    public LocalDate getAsOf() {
        return asOf;
    }

    /** Whether the monitoring date is on or after the given month and day of its own year. */
    public boolean onOrAfter(int month, int dayOfMonth) {
        return !asOf.isBefore(LocalDate.of(asOf.getYear(), month, dayOfMonth));
    }
}
