package cn.pbm.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import cn.pbm.api.model.FieldError;
import cn.pbm.platform.Problems;

/** Yuan amounts: inputs are checked to the fen, results are rounded HALF_UP to the fen once, at output. */
final class Money {

    static final int FEN = 2;

    private Money() {
    }

    /** The amount as shown: HALF_UP to 0.01 yuan. */
    static BigDecimal output(BigDecimal yuan) {
        return yuan.setScale(FEN, RoundingMode.HALF_UP);
    }

    /** Adds an error when an input amount has more decimal places than fen. */
    static void checkFen(BigDecimal yuan, String pointer, List<FieldError> errors) {
        if (yuan != null && yuan.stripTrailingZeros().scale() > FEN) {
            errors.add(Problems.field(pointer, "an amount in yuan has at most 2 decimal places (fen)"));
        }
    }
}
