package cn.pbm.disclosure;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.pbm.platform.Ruleset;

/**
 * The official holiday calendar (国务院办公厅 部分节假日安排): one data file per year, {@code .../calendar/<year>.json},
 * each listing the year's rest days (放假) by holiday and its make-up working days (调休上班日). The year files are
 * discovered from the files of the disclosure rule set (the manifest is the index, so every file is hashed):
 * adding next year is adding its file and listing it, no code change.
 */
public final class HolidayCalendar {

    /** A rule-set file that is one year of the calendar: {@code calendar/2026.json}. */
    static final Pattern YEAR_FILE = Pattern.compile("(?:^|/)calendar/(\\d{4})\\.json$");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SortedMap<Integer, Year> years;

    private HolidayCalendar(SortedMap<Integer, Year> years) {
        this.years = Collections.unmodifiableSortedMap(years);
    }

    /** The calendar made of every year file among a rule set's files. */
    public static HolidayCalendar of(Ruleset ruleset) {
        return fromFiles(ruleset.files());
    }

    public static HolidayCalendar fromFiles(Collection<Ruleset.RuleFile> files) {
        SortedMap<Integer, Year> years = new TreeMap<>();
        for (Ruleset.RuleFile file : files) {
            Matcher m = YEAR_FILE.matcher(file.path());
            if (!m.find()) {
                continue;
            }
            int year = Integer.parseInt(m.group(1));
            if (years.putIfAbsent(year, parse(file.path(), year, file.content())) != null) {
                throw new IllegalStateException("holiday calendar: two files for " + year + " (" + file.path() + ")");
            }
        }
        return new HolidayCalendar(years);
    }

    public SortedSet<Integer> years() {
        return new TreeSet<>(years.keySet());
    }

    public boolean covers(int year) {
        return years.containsKey(year);
    }

    /**
     * Whether {@code date} is a rest day: an official holiday, or (when {@code weekendsRest}) a Saturday or Sunday
     * that is not an official make-up working day. In a year that is not loaded only weekends can be known.
     */
    public boolean isRestDay(LocalDate date, boolean weekendsRest) {
        Year year = years.get(date.getYear());
        if (year != null && year.restDays().contains(date)) {
            return true;
        }
        if (year != null && year.makeUpWorkdays().contains(date)) {
            return false;
        }
        return weekendsRest && isWeekend(date);
    }

    /** The official name of the holiday {@code date} belongs to, if it is one. */
    public String holidayName(LocalDate date) {
        Year year = years.get(date.getYear());
        return year == null ? null : year.holidayNames().get(date);
    }

    static boolean isWeekend(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static Year parse(String path, int year, byte[] content) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (IOException e) {
            throw new IllegalStateException("holiday calendar " + path + " is not valid JSON: " + e.getMessage(), e);
        }
        Set<String> known = Set.of("_source", "year", "rest_days", "adjusted_workdays");
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!known.contains(field)) {
                throw new IllegalStateException("holiday calendar " + path + ": unknown field '" + field + "'");
            }
        }
        if (!root.path("_source").isTextual() || root.path("_source").asText().isBlank()) {
            throw new IllegalStateException("holiday calendar " + path + ": '_source' must name the official notice");
        }
        if (!root.path("year").isInt() || root.path("year").asInt() != year) {
            throw new IllegalStateException("holiday calendar " + path + ": 'year' must be " + year);
        }
        Map<LocalDate, String> holidays = new TreeMap<>();
        JsonNode rest = root.path("rest_days");
        if (!rest.isObject() || rest.isEmpty()) {
            throw new IllegalStateException("holiday calendar " + path + ": 'rest_days' must list the holidays");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = rest.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> holiday = it.next();
            for (LocalDate day : dates(path, year, "rest_days/" + holiday.getKey(), holiday.getValue())) {
                if (holidays.putIfAbsent(day, holiday.getKey()) != null) {
                    throw new IllegalStateException("holiday calendar " + path + ": " + day + " is listed twice");
                }
            }
        }
        Set<LocalDate> workdays = dates(path, year, "adjusted_workdays", root.path("adjusted_workdays"));
        for (LocalDate day : workdays) {
            if (holidays.containsKey(day)) {
                throw new IllegalStateException("holiday calendar " + path + ": " + day + " is both a rest day and a make-up working day");
            }
            if (!isWeekend(day)) {
                throw new IllegalStateException("holiday calendar " + path + ": make-up working day " + day
                        + " is a " + day.getDayOfWeek() + ", not a weekend day");
            }
        }
        return new Year(Set.copyOf(holidays.keySet()), Set.copyOf(workdays), Map.copyOf(holidays));
    }

    private static Set<LocalDate> dates(String path, int year, String field, JsonNode list) {
        if (!list.isArray()) {
            throw new IllegalStateException("holiday calendar " + path + ": '" + field + "' must be a list of dates");
        }
        Set<LocalDate> dates = new HashSet<>();
        for (JsonNode node : list) {
            LocalDate date;
            try {
                date = LocalDate.parse(node.asText());
            } catch (DateTimeParseException e) {
                throw new IllegalStateException("holiday calendar " + path + ": '" + node + "' in " + field + " is not a date");
            }
            if (!node.isTextual() || date.getYear() != year) {
                throw new IllegalStateException("holiday calendar " + path + ": " + node + " in " + field + " is not in " + year);
            }
            dates.add(date);
        }
        return dates;
    }

    private record Year(Set<LocalDate> restDays, Set<LocalDate> makeUpWorkdays, Map<LocalDate, String> holidayNames) {
    }
}
