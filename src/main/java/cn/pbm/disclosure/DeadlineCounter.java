package cn.pbm.disclosure;

import java.time.LocalDate;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Counts a statutory period (民法典 第二百零一条至第二百零三条): the trigger day is not counted, so the period's last
 * day is trigger + days; if that day is a rest day the deadline moves to the next working day. The number of days
 * is the rule table's; this class is only the counting.
 */
public final class DeadlineCounter {

    /** No official schedule has a rest period this long; a longer run means a broken calendar file. */
    private static final int LONGEST_REST_RUN = 31;

    private final HolidayCalendar calendar;
    private final boolean weekendsShift;

    public DeadlineCounter(HolidayCalendar calendar, boolean weekendsShift) {
        this.calendar = calendar;
        this.weekendsShift = weekendsShift;
    }

    public Deadline count(LocalDate trigger, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("a period has at least one day, not " + days);
        }
        LocalDate last = trigger.plusDays(days);
        SortedSet<Integer> missing = new TreeSet<>();
        LocalDate due = last;
        for (int run = 0;; run++) {
            if (!calendar.covers(due.getYear())) {
                missing.add(due.getYear());
            }
            if (!calendar.isRestDay(due, weekendsShift)) {
                break;
            }
            if (run > LONGEST_REST_RUN) {
                throw new IllegalStateException("more than " + LONGEST_REST_RUN + " rest days in a row after " + last);
            }
            due = due.plusDays(1);
        }
        return new Deadline(last, due, missing);
    }
}
