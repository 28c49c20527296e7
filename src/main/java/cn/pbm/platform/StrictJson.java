package cn.pbm.platform;

import com.fasterxml.jackson.core.StreamReadFeature;
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
        // a JSON value is accepted only in its own shape: a number for a number, a string for a text or date
        acceptOnly(mapper, LogicalType.Integer, CoercionInputShape.Integer);
        acceptOnly(mapper, LogicalType.Float, CoercionInputShape.Integer, CoercionInputShape.Float);
        acceptOnly(mapper, LogicalType.Boolean, CoercionInputShape.Boolean);
        acceptOnly(mapper, LogicalType.Textual, CoercionInputShape.String);
        acceptOnly(mapper, LogicalType.DateTime, CoercionInputShape.String);
        acceptOnly(mapper, LogicalType.Enum, CoercionInputShape.String);
    }

    private static void acceptOnly(ObjectMapper mapper, LogicalType type, CoercionInputShape... accepted) {
        var config = mapper.coercionConfigFor(type);
        for (CoercionInputShape shape : CoercionInputShape.values()) {
            config.setCoercion(shape, java.util.Arrays.asList(accepted).contains(shape)
                    ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
    }
}
