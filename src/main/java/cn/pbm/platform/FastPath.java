package cn.pbm.platform;

import java.util.List;
import java.util.Map;

import org.kie.dmn.api.core.DMNModel;

import cn.pbm.api.model.TableMatch;

/**
 * A model evaluated without the KIE interpreter (issue 19), built once from KIE's own parsed {@link DMNModel} of the
 * hashed bytes: {@link PlainTables} (plain decision tables only) or {@link CompiledDecisions} (plain tables whose
 * inputs may be expressions of a small FEEL subset, literal expressions in that subset, BKMs whose body is a plain
 * table). An evaluation answers only the plain case and returns null otherwise; the engine then asks KIE.
 */
interface FastPath {

    /**
     * Every decision's result in KIE's order, with the matched rows added to {@code matches} (when not null); null
     * when this call is not a plain one (then nothing was added to {@code matches}).
     */
    Map<String, Object> evaluate(Map<String, Object> inputs, List<TableMatch> matches);

    /** The fast path for {@code model}, or null when neither form takes it (KIE evaluates every call). */
    static FastPath of(DMNModel model, Ruleset ruleset) {
        PlainTables plain = PlainTables.of(model, ruleset);
        return plain != null ? plain : CompiledDecisions.of(model, ruleset);
    }
}
