package cn.pbm.platform;

import java.util.List;

import cn.pbm.api.model.FieldError;
import cn.pbm.api.model.Problem;
import jakarta.ws.rs.core.Response;

/** Builds RFC 9457 {@code application/problem+json} responses. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "urn:pbm:problem:";

    private Problems() {
    }

    public static Response response(int status, String type, String title, String detail, List<FieldError> errors) {
        Problem problem = new Problem()
                .type(TYPE_PREFIX + type)
                .title(title)
                .status(status)
                .detail(detail)
                .errors(new java.util.ArrayList<>(errors));
        return Response.status(status).type(MEDIA_TYPE).entity(problem).build();
    }

    public static Response invalid(String detail, List<FieldError> errors) {
        return response(400, "invalid-request", "Invalid request", detail, errors);
    }

    public static FieldError field(String pointer, String message) {
        return new FieldError().field(pointer).message(message);
    }

    /** Escapes one JSON-pointer reference token (RFC 6901). */
    public static String token(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
