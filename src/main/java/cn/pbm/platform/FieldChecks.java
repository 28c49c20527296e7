package cn.pbm.platform;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.api.model.FieldError;

/**
 * The checks across fields that a contract's schema cannot state, shared by every family's
 * {@code <Family>RequestCheck}: each kind of error has ONE wording here, so a duplicate id or a null item reads the
 * same in every endpoint. A check collects every error of the whole request (each naming its field as a JSON
 * pointer) and {@link #throwIfAny()} refuses the request with all of them at once.
 *
 * <table>
 * <caption>the wordings</caption>
 * <tr><td>null item</td><td>{@code must not be null} (the schema's own wording for a missing field)</td></tr>
 * <tr><td>duplicate id</td><td>{@code duplicate of /projects/0/projectId ('A')}</td></tr>
 * <tr><td>decimal places</td><td>{@code must have at most 2 decimal places}</td></tr>
 * <tr><td>order of dates / numbers</td><td>{@code must not be after asOf}, {@code must not be before issuedOn},
 * {@code must not be above budget}, {@code must not be below executed}</td></tr>
 * <tr><td>conditional field</td><td>{@code required when ...}, {@code not allowed for ...}</td></tr>
 * </table>
 */
public final class FieldChecks {

    /** Decimal places of an amount in yuan: to the fen. */
    public static final int FEN = 2;

    private final List<FieldError> errors = new ArrayList<>();

    /** Adds an error of a kind of its own (one that no other family shares). */
    public FieldChecks error(String pointer, String message) {
        errors.add(Problems.field(pointer, message));
        return this;
    }

    /** Whether the item is there; a JSON null in a list is an error. */
    public boolean present(Object item, String pointer) {
        if (item == null) {
            error(pointer, "must not be null");
            return false;
        }
        return true;
    }

    /** A tracker of one id field across a list: {@link Unique#check} names the first use of a repeated value. */
    public Unique unique() {
        return new Unique();
    }

    /** Whether {@code value} has at most {@code places} decimal places (trailing zeros do not count). */
    public boolean decimals(BigDecimal value, String pointer, int places) {
        if (value != null && value.scale() > places && value.stripTrailingZeros().scale() > places) {
            error(pointer, "must have at most " + places + " decimal places");
            return false;
        }
        return true;
    }

    /** An amount in yuan: at most {@link #FEN} decimal places. */
    public boolean yuan(BigDecimal value, String pointer) {
        return decimals(value, pointer, FEN);
    }

    /** A date not after another field's date (both given). */
    public void notAfter(LocalDate value, String pointer, LocalDate bound, String boundName) {
        if (value != null && bound != null && value.isAfter(bound)) {
            error(pointer, "must not be after " + boundName);
        }
    }

    /** A date not before another field's date (both given). */
    public void notBefore(LocalDate value, String pointer, LocalDate bound, String boundName) {
        if (value != null && bound != null && value.isBefore(bound)) {
            error(pointer, "must not be before " + boundName);
        }
    }

    /** A number not above another field's number (both given). */
    public void notAbove(BigDecimal value, String pointer, BigDecimal bound, String boundName) {
        if (value != null && bound != null && value.compareTo(bound) > 0) {
            error(pointer, "must not be above " + boundName);
        }
    }

    /** A number not below another field's number (both given). */
    public void notBelow(BigDecimal value, String pointer, BigDecimal bound, String boundName) {
        if (value != null && bound != null && value.compareTo(bound) < 0) {
            error(pointer, "must not be below " + boundName);
        }
    }

    /** A field another field calls for: {@code missing} is whether it is absent although {@code condition} holds. */
    public void required(boolean missing, String pointer, String condition) {
        if (missing) {
            error(pointer, "required " + condition);
        }
    }

    /** A field another field rules out: {@code given} is whether it is there although {@code condition} holds. */
    public void notAllowed(boolean given, String pointer, String condition) {
        if (given) {
            error(pointer, "not allowed " + condition);
        }
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Refuses the request (400, every error) when any check failed. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    /** One id field across the items of a list. */
    public final class Unique {

        private final Map<Object, String> first = new HashMap<>();

        private Unique() {
        }

        /** Adds an error when {@code value} was seen before; {@code pointer} is this item's id field. */
        public boolean check(Object value, String pointer) {
            String earlier = first.putIfAbsent(value, pointer);
            if (earlier != null) {
                error(pointer, "duplicate of " + earlier + " ('" + value + "')");
                return false;
            }
            return true;
        }
    }
}
