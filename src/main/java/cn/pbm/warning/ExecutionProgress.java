package cn.pbm.warning;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * The two ratios the execution light compares, computed in decimal (34 significant digits) and never
 * rounded before the tables decide; rounded half-up to 4 decimals only for the response.
 */
final class ExecutionProgress {

    private ExecutionProgress() {
    }

    /** 时间进度: the day of the year of {@code asOf} ÷ the days in that year (365 or 366). */
    static BigDecimal timeProgress(LocalDate asOf) {
        return BigDecimal.valueOf(asOf.getDayOfYear())
                .divide(BigDecimal.valueOf(asOf.lengthOfYear()), MathContext.DECIMAL128);
    }

    /** 预算执行率: executed ÷ budget (budget is greater than 0). */
    static BigDecimal executionRate(BigDecimal executed, BigDecimal budget) {
        return executed.divide(budget, MathContext.DECIMAL128);
    }

    static BigDecimal forOutput(BigDecimal ratio) {
        return ratio.setScale(4, RoundingMode.HALF_UP);
    }
}
