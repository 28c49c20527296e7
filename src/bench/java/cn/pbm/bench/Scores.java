package cn.pbm.bench;

import java.math.BigDecimal;
import java.util.Random;

/** A fixed spread of scores over every band, so no benchmark sees a constant input. */
final class Scores {

    /** More scores than the 10,001 two-decimal values, so a memo of answers is filled by the warm-up, not by luck. */
    static final int SIZE = 16384;

    private Scores() {
    }

    static BigDecimal[] decimals() {
        Random random = new Random(20261122);
        BigDecimal[] scores = new BigDecimal[SIZE];
        for (int i = 0; i < SIZE; i++) {
            scores[i] = BigDecimal.valueOf(random.nextInt(10001), 2); // 0.00 .. 100.00
        }
        return scores;
    }
}
