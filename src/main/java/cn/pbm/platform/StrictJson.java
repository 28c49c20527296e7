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

    private static void acceptOnly(ObjectMapper mapper, LogicalType type, CoercionInputShape... accepted) {
        var config = mapper.coercionConfigFor(type);
        for (CoercionInputShape shape : CoercionInputShape.values()) {
            config.setCoercion(shape, java.util.Arrays.asList(accepted).contains(shape)
                    ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
    }
}
