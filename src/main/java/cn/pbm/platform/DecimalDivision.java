package cn.pbm.platform;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * FEEL's division ({@code x.divide(y, MathContext.DECIMAL128)}, as KIE's infix executor does it), the same value and
 * scale, with a cheaper way for the common quotient that terminates (0.85, 12.5): the JDK works such a quotient
 * out to 34 digits and then strips the trailing zeros one {@code BigInteger} division at a time, which was most of a
 * 100,000-project call's allocation (issue 19). Here, when both operands have at most 18 digits and the reduced
 * divisor has no prime factor but 2 and 5, the quotient is the dividend times a power of 2 or 5 over a power of ten:
 * exact, at most 19 digits (so within DECIMAL128's 34), and at the scale the JDK gives an exact quotient (the
 * preferred scale {@code x.scale() - y.scale()} when the division leaves no remainder, else the smallest scale that
 * holds it). Anything else (a quotient that does not terminate, a long operand, a product that overflows, a scale
 * out of range) is the JDK's own division. {@code DecimalDivisionTest} compares both over millions of pairs.
 */
final class DecimalDivision {

    private static final long MAX_COMPACT_DIGITS = 18;

    private DecimalDivision() {
    }

    /** {@code x / y} exactly as {@code x.divide(y, MathContext.DECIMAL128)}; y must not be zero. */
    static BigDecimal divide(BigDecimal x, BigDecimal y) {
        BigDecimal exact = terminating(x, y);
        return exact != null ? exact : x.divide(y, MathContext.DECIMAL128);
    }

    private static BigDecimal terminating(BigDecimal x, BigDecimal y) {
        if (x.precision() > MAX_COMPACT_DIGITS || y.precision() > MAX_COMPACT_DIGITS || y.signum() == 0) {
            return null;
        }
        long preferred = (long) x.scale() - y.scale();
        long a = x.scaleByPowerOfTen(x.scale()).longValue(); // the unscaled values, exact at 18 digits or fewer
        long b = y.scaleByPowerOfTen(y.scale()).longValue();
        if (a == 0) {
            return preferred == (int) preferred ? BigDecimal.valueOf(0, (int) preferred) : null;
        }
        if (b < 0) {
            a = -a;
            b = -b;
        }
        long g = gcd(Math.abs(a), b);
        a /= g;
        b /= g;
        int twos = Long.numberOfTrailingZeros(b);
        b >>= twos;
        int fives = 0;
        while (b % 5 == 0) {
            b /= 5;
            fives++;
        }
        if (b != 1) {
            return null; // the quotient does not terminate: the JDK rounds it to 34 digits
        }
        int k = Math.max(twos, fives);
        try {
            for (int i = twos; i < k; i++) {
                a = Math.multiplyExact(a, 2L);
            }
            for (int i = fives; i < k; i++) {
                a = Math.multiplyExact(a, 5L);
            }
        } catch (ArithmeticException overflow) {
            return null;
        }
        long scale = preferred + k;
        return scale == (int) scale ? BigDecimal.valueOf(a, (int) scale) : null;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
