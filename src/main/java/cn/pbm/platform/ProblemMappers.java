package cn.pbm.platform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import cn.pbm.api.model.FieldError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * Turns every failure into {@code application/problem+json}: bad JSON and contract violations are 400s that
 * name the field as a JSON pointer; protocol errors keep their status (413, 415, 404, 405...); anything
 * else is a defect of ours, logged and answered 500 without internals.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** Also claims the type Quarkus maps itself, whose answer is an empty 400. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return invalidJson(e);
    }

    @ServerExceptionMapper
    public Response invalidJson(JsonProcessingException e) {
        String pointer = pointerOf(e);
        return Problems.invalid("The body is not valid for this endpoint.",
                List.of(Problems.field(pointer, describe(e))));
    }

    @ServerExceptionMapper
    public Response contractViolation(ConstraintViolationException e) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(error(violation, ""));
        }
        return contractViolation(errors);
    }

    @ServerExceptionMapper
    public Response contractViolation(ContractViolationException e) {
        return contractViolation(new ArrayList<>(e.errors()));
    }

    private static Response contractViolation(List<FieldError> errors) {
        errors.sort(Comparator.comparing(FieldError::getField).thenComparing(FieldError::getMessage));
        return Problems.invalid("The body breaks the API contract.", errors);
    }

    /** A violation as a field error; {@code prefix} is the pointer of the object that was validated. */
    static FieldError error(ConstraintViolation<?> violation, String prefix) {
        String pointer = prefix + pointerOf(violation.getPropertyPath());
        return Problems.field(pointer, pointer.isEmpty() && violation.getInvalidValue() == null
                ? "a JSON body is required"
                : violation.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return Problems.invalid("The request is inconsistent.", e.errors());
    }

    @ServerExceptionMapper
    public Response noRulesetInForce(NoRulesetInForceException e) {
        return Problems.response(422, "no-ruleset-in-force", "No rule set in force", e.getMessage(), e.errors());
    }

    /** A rule-set version the call needs did not load at start-up (RulesetHealth): the service cannot decide it. */
    @ServerExceptionMapper
    public Response rulesetUnavailable(RulesetUnavailableException e) {
        return Problems.response(503, "ruleset-unavailable", "Rule set unavailable", e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return invalidJson(json); // the JSON reader wraps syntax errors
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        return Problems.response(status, "http-" + status, title, e.getMessage(), List.of());
    }

    /** A chunked body that outgrew the size limit: Quarkus has already answered 413 and closes the connection. */
    @ServerExceptionMapper
    public Response readFailure(java.io.IOException e) {
        if ("Request too large".equals(e.getMessage())) {
            return Problems.response(413, "payload-too-large", "Payload too large", e.getMessage(), List.of());
        }
        return unexpected(e);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return Problems.response(500, "internal", "Internal error",
                "The service failed to decide; the failure is logged.", List.of());
    }

    static String pointerOf(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder pointer = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                pointer.append('/').append(ref.getFieldName() != null
                        ? Problems.token(ref.getFieldName()) : String.valueOf(ref.getIndex()));
            }
            return pointer.toString();
        }
        if (e.getProcessor() instanceof JsonParser parser) {
            return parser.getParsingContext().pathAsPointer().toString();
        }
        return "";
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field; the contract does not define it";
        }
        if (e instanceof ValueInstantiationException instantiation && instantiation.getType() != null
                && instantiation.getType().isEnumType()) {
            return "not one of the allowed values " + allowed(instantiation.getType().getRawClass());
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return "'" + invalid.getValue() + "' is not one of the allowed values " + allowed(invalid.getTargetType());
        }
        if (e instanceof InvalidFormatException invalid && invalid.getValue() instanceof java.math.BigDecimal) {
            return "number out of range: at most " + StrictJson.BoundedDecimals.MAX_DIGITS
                    + " digits before and after the decimal point";
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() == java.time.LocalDate.class) {
            return "'" + invalid.getValue() + "' is not a date of the form yyyy-MM-dd";
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() == java.time.OffsetDateTime.class) {
            return "'" + invalid.getValue() + "' is not a timestamp of the form yyyy-MM-ddTHH:mm:ss+08:00";
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() == java.util.UUID.class) {
            return "'" + invalid.getValue() + "' is not a UUID of the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
        }
        if (e instanceof InvalidFormatException invalid) {
            return "'" + invalid.getValue() + "' is not a valid " + simpleName(invalid.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null
                && !mismatched.getPath().isEmpty()) {
            return "expected a JSON " + jsonKind(mismatched.getTargetType()) + " here";
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "expected one JSON " + jsonKind(mismatched.getTargetType()) + " as the body";
        }
        String message = e.getOriginalMessage().replaceAll("\\s*\\(?(start marker )?at \\[Source:[^\\]]*\\]\\)?", "");
        return e.getLocation() == null ? "malformed JSON: " + message
                : "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ": " + message;
    }

    /** The JSON values of a contract enum (the generated enums print their JSON value). */
    private static String allowed(Class<?> enumType) {
        return java.util.Arrays.stream(enumType.getEnumConstants()).map(String::valueOf).toList().toString();
    }

    private static String jsonKind(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean (true or false)";
        }
        if (type == String.class || type.isEnum() || java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        return "object";
    }

    private static String simpleName(Class<?> type) {
        return type == null ? "value" : type.isEnum() ? "value (see the contract for the allowed values)"
                : type.getSimpleName();
    }

    /** {@code gradeExAnte.body.projects[3].budget} becomes {@code /projects/3/budget}. */
    static String pointerOf(Path path) {
        StringBuilder pointer = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
                continue;
            }
            if (node.isInIterable() && node.getIndex() != null) {
                pointer.append('/').append(node.getIndex());
            } else if (node.isInIterable() && node.getKey() != null) {
                pointer.append('/').append(Problems.token(String.valueOf(node.getKey())));
            }
            if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                pointer.append('/').append(Problems.token(node.getName()));
            }
        }
        return pointer.toString();
    }
}
