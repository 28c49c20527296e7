package cn.pbm.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * A request's date is read from its digits ({@link StrictJson.StrictDates#of}, issue 19); it must accept and refuse
 * exactly what the pattern {@code [0-9]{4}-[0-9]{2}-[0-9]{2}} followed by {@code LocalDate.parse} (strict ISO) did.
 */
class StrictDatesTest {

    private static final Pattern FORM = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    /** The reading before issue 19: the pattern, then the ISO formatter. */
    private static LocalDate before(String text) {
        if (!FORM.matcher(text).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    @Test
    void everyDayOfFourCenturiesAndTheirImpossibleNeighboursReadAsBefore() {
        int read = 0;
        for (int year : new int[] { 0, 1, 999, 1900, 1999, 2000, 2023, 2024, 2025, 2100, 2400, 9999 }) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    String text = String.format("%04d-%02d-%02d", year, month, day);
                    LocalDate expected = before(text);
                    assertEquals(expected, StrictJson.StrictDates.of(text), text);
                    read += expected == null ? 0 : 1;
                }
            }
        }
        assertEquals(12 * 365 + 4, read); // four leap years among them (0, 2000, 2024, 2400); 1900 and 2100 are not
    }

    @Test
    void textsNotOfTheFormAreRefusedAsBefore() {
        List<String> texts = new ArrayList<>(List.of("", "2023-1-01", "2023-01-1", "23-01-01", "20230101",
                "2023/01/01", " 2023-01-01", "2023-01-01 ", "+2023-01-01", "-2023-01-01", "12023-01-01",
                "2023-01-01T00:00", "２０２３-０１-０１", "2023-0a-01", "2023-01-0\u0661", "2023--1-01", "2023-02-29",
                "2024-02-29", "2023-04-31", "0000-00-00", "9999-12-31", "2023-13-01", "2023_01_01", "2023-01-01\n"));
        Random random = new Random(19);
        String alphabet = "0123456789-+ T/:a\u0661";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = 8 + random.nextInt(5);
            for (int j = 0; j < length; j++) {
                text.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) ('0' + random.nextInt(10)));
            }
            if (random.nextBoolean() && text.length() >= 8) {
                text.setCharAt(4, '-');
                text.setCharAt(7, '-');
            }
            texts.add(text.toString());
        }
        int dates = 0;
        for (String text : texts) {
            LocalDate expected = before(text);
            assertEquals(expected, StrictJson.StrictDates.of(text), text);
            dates += expected == null ? 0 : 1;
        }
        assertEquals(LocalDate.of(2024, 2, 29), StrictJson.StrictDates.of("2024-02-29"));
        assertNull(StrictJson.StrictDates.of("2023-02-29"));
        // the random texts reached both answers
        org.junit.jupiter.api.Assertions.assertTrue(dates > 100, "dates among the random texts: " + dates);
    }
}
