package cn.pbm.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;


/** Yuan amounts: inputs are checked to the fen (FieldChecks.yuan), results are rounded HALF_UP to the fen once, at output. */
final class Money {

    static final int FEN = 2;

    private Money() {
    }

    /** The amount as shown: HALF_UP to 0.01 yuan. */
    static BigDecimal output(BigDecimal yuan) {
        return yuan.setScale(FEN, RoundingMode.HALF_UP);
    }
}
