package cn.pbm.platform;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * A value (a table's record, another generated model) copied into a generated response model ({@code cn.pbm.api.model})
 * property by property, by name, instead of a hand-written chain of {@code .x(row.x())}: the one place where a family
 * turns what its tables gave into what it answers. Exact: numbers keep their scale, a null stays null (the model's
 * default is not kept), codes become the model's enums by their value. Strict: a property the model does not have
 * fails the call (a programming error, never a silent drop), unless the caller names it as not shown.
 */
public final class ModelCopy {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private ModelCopy() {
    }

    /**
     * @param source a record or bean whose properties have the model's names
     * @param notShown the source's properties the model does not show (left out of the copy)
     */
    public static <T> T of(Object source, Class<T> model, String... notShown) {
        ObjectNode properties = MAPPER.valueToTree(source);
        properties.remove(List.of(notShown));
        try {
            return MAPPER.treeToValue(properties, model);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot copy a " + source.getClass().getSimpleName() + " into a "
                    + model.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
