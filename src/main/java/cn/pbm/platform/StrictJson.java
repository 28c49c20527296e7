package cn.pbm.platform;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The JSON the contract promises and nothing else: unknown fields, duplicate keys, trailing tokens and
 * type coercions ("85" for 85, 1 for true, 12.5 for an integer) are errors, not silently repaired input.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        strict(mapper);
        // issue 19: the models' properties read and written through generated lambdas instead of reflection (a
        // 10,000-project body is read in 11 ms instead of 19: JsonBodyBenchmark); what is accepted does not change
        mapper.registerModule(new com.fasterxml.jackson.module.blackbird.BlackbirdModule());
    }

    /** The strict settings alone (the benchmark compares them with and without Blackbird). */
    static void strict(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.registerModule(new SimpleModule("bounded-decimals").addDeserializer(BigDecimal.class, new BoundedDecimals()));
        // a modifier, not a plain deserializer: it wins over the Java-time module whatever the registration order
        mapper.registerModule(new SimpleModule("strict-dates").setDeserializerModifier(
                new com.fasterxml.jackson.databind.deser.BeanDeserializerModifier() {
                    @Override
                    public com.fasterxml.jackson.databind.JsonDeserializer<?> modifyDeserializer(
                            com.fasterxml.jackson.databind.DeserializationConfig config,
                            com.fasterxml.jackson.databind.BeanDescription description,
                            com.fasterxml.jackson.databind.JsonDeserializer<?> deserializer) {
                        Class<?> type = description.getBeanClass();
                        if (type == java.time.LocalDate.class) {
                            return new StrictDates();
                        }
                        if (type == java.time.OffsetDateTime.class) {
                            return new StrictTimestamps();
                        }
                        if (type == java.util.UUID.class) {
                            return new StrictUuids();
                        }
                        return deserializer;
                    }
                }));
        // a JSON value is accepted only in its own shape: a number for a number, a string for a text or date
        acceptOnly(mapper, LogicalType.Integer, CoercionInputShape.Integer);
        acceptOnly(mapper, LogicalType.Float, CoercionInputShape.Integer, CoercionInputShape.Float);
        acceptOnly(mapper, LogicalType.Boolean, CoercionInputShape.Boolean);
        acceptOnly(mapper, LogicalType.Textual, CoercionInputShape.String);
        acceptOnly(mapper, LogicalType.DateTime, CoercionInputShape.String);
        acceptOnly(mapper, LogicalType.Enum, CoercionInputShape.String);
    }

    /**
     * A number is read exactly, but one that no budget, score or day count can be ({@code 1e999999999},
     * {@code 1e-999999999}: exponents that make later arithmetic explode) is refused where it stands.
     */
    static final class BoundedDecimals extends StdScalarDeserializer<BigDecimal> {

        static final int MAX_DIGITS = 64;

        BoundedDecimals() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            BigDecimal value = NumberDeserializers.BigDecimalDeserializer.instance.deserialize(parser, context);
            if (value != null && (value.precision() > MAX_DIGITS || Math.abs(value.scale()) > MAX_DIGITS
                    || value.precision() - value.scale() > MAX_DIGITS)) {
                throw context.weirdNumberException(value, BigDecimal.class, "absurd magnitude");
            }
            return value;
        }
    }

    /** A value written as a JSON string and nothing else (never a number, an array or an object). */
    abstract static class FromStringOnly<T> extends StdScalarDeserializer<T> {

        private final Class<T> type;

        FromStringOnly(Class<T> type) {
            super(type);
            this.type = type;
        }

        @Override
        public final T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
                return type.cast(context.handleUnexpectedToken(type, parser));
            }
            return parse(parser.getText(), context);
        }

        /** The value of the string's text; a text not of the form is {@code context.weirdStringException}. */
        abstract T parse(String text, DeserializationContext context) throws IOException;
    }

    /** A date is a JSON string {@code yyyy-MM-dd} and nothing else: no spaces, no time part, no 5-digit year. */
    static final class StrictDates extends FromStringOnly<java.time.LocalDate> {

        StrictDates() {
            super(java.time.LocalDate.class);
        }

        /**
         * The date of {@code yyyy-MM-dd} (ASCII digits), or null: what {@code LocalDate.parse} (ISO, strict) gives
         * for that form, read from the digits (issue 19: the formatter and a pattern were 3 % of a one-project
         * monitoring call's CPU). {@code LocalDate.of} refuses a month or day that does not exist (2023-02-30).
         */
        static java.time.LocalDate of(String text) {
            if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
                return null;
            }
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            if (year < 0 || month < 0 || day < 0) {
                return null;
            }
            try {
                return java.time.LocalDate.of(year, month, day);
            } catch (java.time.DateTimeException e) {
                return null;
            }
        }

        /** The number written by the ASCII digits of {@code text[from, to)}; -1 if one is not a digit. */
        private static int digits(String text, int from, int to) {
            int value = 0;
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }

        @Override
        java.time.LocalDate parse(String text, DeserializationContext context) throws IOException {
            java.time.LocalDate date = of(text);
            if (date == null) {
                throw context.weirdStringException(text, java.time.LocalDate.class, "not a date yyyy-MM-dd");
            }
            return date;
        }
    }

    /** A timestamp is an ISO-8601 string with an offset, never a number. */
    static final class StrictTimestamps extends FromStringOnly<java.time.OffsetDateTime> {

        StrictTimestamps() {
            super(java.time.OffsetDateTime.class);
        }

        @Override
        java.time.OffsetDateTime parse(String text, DeserializationContext context) throws IOException {
            try {
                return java.time.OffsetDateTime.parse(text, java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            } catch (java.time.DateTimeException e) {
                throw context.weirdStringException(text, java.time.OffsetDateTime.class, "not an ISO-8601 timestamp");
            }
        }
    }

    /** An id is the canonical 36-character UUID string, without spaces around it. */
    static final class StrictUuids extends FromStringOnly<java.util.UUID> {

        static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile(
                "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

        StrictUuids() {
            super(java.util.UUID.class);
        }

        @Override
        java.util.UUID parse(String text, DeserializationContext context) throws IOException {
            if (!FORM.matcher(text).matches()) {
                throw context.weirdStringException(text, java.util.UUID.class, "not a UUID");
            }
            return java.util.UUID.fromString(text);
        }
    }

    private static void acceptOnly(ObjectMapper mapper, LogicalType type, CoercionInputShape... accepted) {
        var config = mapper.coercionConfigFor(type);
        for (CoercionInputShape shape : CoercionInputShape.values()) {
            config.setCoercion(shape, java.util.Arrays.asList(accepted).contains(shape)
                    ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
    }
}
