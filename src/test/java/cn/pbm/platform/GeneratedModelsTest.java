package cn.pbm.platform;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;

/**
 * The contract's generated models (src/main/openapi/templates/beanValidation.mustache): a number property keeps its
 * constraints ({@code @DecimalMin}, {@code @DecimalMax}, {@code @NotNull}) but is not {@code @Valid}, so bean
 * validation does not try to cascade into every {@code BigDecimal} of a 100,000-project list (issue 19); model
 * properties and lists of models still are.
 */
class GeneratedModelsTest {

    @Test
    void numbersAreCheckedButNotCascadedInto() throws Exception {
        List<String> cascadedNumbers = new ArrayList<>();
        int constrainedNumbers = 0;
        int cascadedModels = 0;
        try (Stream<Path> files = Files.list(Path.of("target/generated-sources/openapi/src/gen/java/cn/pbm/api/model"))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString().replace(".java", "");
                Class<?> model = Class.forName("cn.pbm.api.model." + name);
                for (Method getter : model.getDeclaredMethods()) {
                    if (!getter.getName().startsWith("get") || getter.getParameterCount() != 0) {
                        continue;
                    }
                    AnnotatedType type = getter.getAnnotatedReturnType();
                    boolean number = getter.getReturnType() == BigDecimal.class;
                    boolean listOfNumbers = type instanceof AnnotatedParameterizedType list
                            && list.getAnnotatedActualTypeArguments()[0].getType() == BigDecimal.class;
                    if ((number && getter.isAnnotationPresent(Valid.class)) || (listOfNumbers
                            && ((AnnotatedParameterizedType) type).getAnnotatedActualTypeArguments()[0]
                                    .isAnnotationPresent(Valid.class))) {
                        cascadedNumbers.add(name + "." + getter.getName());
                    }
                    if (number && getter.isAnnotationPresent(DecimalMin.class)) {
                        constrainedNumbers++;
                    }
                    if (getter.getReturnType().getName().startsWith("cn.pbm.api.model.")
                            && !getter.getReturnType().isEnum() && getter.isAnnotationPresent(Valid.class)) {
                        cascadedModels++;
                    }
                }
            }
        }
        assertTrue(cascadedNumbers.isEmpty(), "numbers marked @Valid: " + cascadedNumbers);
        assertTrue(constrainedNumbers > 10, "number constraints are generated: " + constrainedNumbers);
        assertTrue(cascadedModels > 5, "model properties are still cascaded into: " + cascadedModels);
    }
}
