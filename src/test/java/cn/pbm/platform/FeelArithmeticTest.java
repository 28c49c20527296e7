package cn.pbm.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link FeelArithmetic} gives what {@code x.add(y, DECIMAL128)}, {@code x.subtract(y, DECIMAL128)} and
 * {@code x.divide(y, MathContext.DECIMAL128)} give (KIE's FEEL arithmetic): the same value and the same scale ({@link BigDecimal#equals}), for amounts, ratios, percentages and targets of every
 * scale from -3 to 6 (and now and then -40 to 40: sums whose operands are far apart), signs, zeros, 18- and 19-digit operands, quotients that terminate and quotients that do not.
 */
class FeelArithmeticTest {

    private static final int COUNT = Integer.getInteger("pbm-test.arithmetic.count", 1_000_000);

    @Test
    void everySumDifferenceAndQuotientAsTheJdkGivesThem() {
        Random random = new Random(20261202L);
        List<BigDecimal> edges = new ArrayList<>();
        for (String s : new String[] {"0", "0.00", "0E+3", "1", "-1", "2", "3", "5", "7", "10", "100", "0.01", "-0.01",
                "1E+2", "25", "40", "64", "125", "1024", "3125", "0.5", "12.5", "99.99", "100000.00", "85000.00",
                "123456789012345678", "-123456789012345678", "999999999999999999", "1000000000000000000",
                "9223372036854775807", "4611686018427387904", "0.000001", "1234567.89", "2500000000000000.00", "1E+30", "1E-30", "-1E-33", "123456789012345678E+20",
                "0.000000000000000001", "999999999999999999E-40"}) {
            edges.add(new BigDecimal(s));
        }
        int terminating = 0;
        for (BigDecimal x : edges) {
            for (BigDecimal y : edges) {
                if (y.signum() != 0) {
                    terminating += same(x, y);
                } else {
                    assertEquals(x.add(y, MathContext.DECIMAL128), FeelArithmetic.add(x, y), x + " + " + y);
                    assertEquals(x.subtract(y, MathContext.DECIMAL128), FeelArithmetic.subtract(x, y), x + " - " + y);
                }
            }
        }
        for (int i = 0; i < COUNT; i++) {
            BigDecimal x = number(random);
            BigDecimal y = number(random);
            if (y.signum() != 0) {
                terminating += same(x, y);
            } else {
                assertEquals(x.add(y, MathContext.DECIMAL128), FeelArithmetic.add(x, y), x + " + " + y);
                assertEquals(x.subtract(y, MathContext.DECIMAL128), FeelArithmetic.subtract(x, y), x + " - " + y);
            }
        }
        assertTrue(terminating > COUNT / 10, "the cheap way was taken too rarely to be proven: " + terminating);
    }

    private static int same(BigDecimal x, BigDecimal y) {
        BigDecimal jdk = x.divide(y, MathContext.DECIMAL128);
        BigDecimal ours = FeelArithmetic.divide(x, y);
        assertEquals(jdk, ours, x + " / " + y); // equals: value and scale
        assertEquals(x.add(y, MathContext.DECIMAL128), FeelArithmetic.add(x, y), x + " + " + y);
        assertEquals(x.subtract(y, MathContext.DECIMAL128), FeelArithmetic.subtract(x, y), x + " - " + y);
        return jdk.precision() < 20 ? 1 : 0;
    }

    private static BigDecimal number(Random random) {
        int scale = random.nextInt(8) == 0 ? random.nextInt(81) - 40 : random.nextInt(10) - 3; // far apart, too
        long unscaled = switch (random.nextInt(6)) {
            case 0 -> random.nextInt(201) - 100;
            case 1 -> (long) (random.nextInt(100) + 1) * (1L << random.nextInt(20)); // powers of two
            case 2 -> (long) Math.pow(5, random.nextInt(20)) * (random.nextBoolean() ? 1 : -3);
            case 3 -> random.nextLong() / (1L << random.nextInt(63)); // up to 19 digits
            case 4 -> 100_000L + random.nextInt(97) * 10_000L; // the benchmark's budgets, and its ratios below
            default -> random.nextInt(100_000_000);
        };
        return BigDecimal.valueOf(unscaled, scale);
    }
}
