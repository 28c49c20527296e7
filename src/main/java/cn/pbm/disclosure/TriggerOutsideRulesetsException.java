package cn.pbm.disclosure;

import java.util.List;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import cn.pbm.api.model.FieldError;
import cn.pbm.platform.Problems;
import jakarta.ws.rs.core.Response;

/**
 * Items whose trigger date no deployed version of the disclosure rule set covers (before its earliest
 * effectiveFrom). Answered 422, like the platform's no-rule-set-in-force problem, but naming each item's field.
 */
public class TriggerOutsideRulesetsException extends RuntimeException {

    private final List<FieldError> errors;

    public TriggerOutsideRulesetsException(List<FieldError> errors) {
        super(errors.toString());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The mapper for this exception. */
    public static class Mapper {
        @ServerExceptionMapper
        public Response map(TriggerOutsideRulesetsException e) {
            return Problems.response(422, "no-ruleset-in-force", "No rule set in force",
                    "No version of the disclosure rule set is in force on these trigger dates.", e.errors());
        }
    }
}
