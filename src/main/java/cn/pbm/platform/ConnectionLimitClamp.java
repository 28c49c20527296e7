package cn.pbm.platform;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

/**
 * The connection limit the HTTP server applies ({@code quarkus.http.limits.max-connections}) is the configured
 * {@code pbm.http.max-connections} (or an explicit {@code quarkus.http.limits.max-connections}), lowered to the
 * process's open-file limit less {@code pbm.http.reserved-files}: past the file limit a connection is not
 * refused but left unaccepted, and the service has no descriptor left for its own files (issue 21). The start-up
 * log says when the limit was lowered ({@link Connections}).
 */
@Priority(Priorities.APPLICATION + 100)
public class ConnectionLimitClamp implements ConfigSourceInterceptor {

    static final String QUARKUS_LIMIT = "quarkus.http.limits.max-connections";
    static volatile String lowered;

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!QUARKUS_LIMIT.equals(name)) {
            return value;
        }
        ConfigValue wanted = value != null ? value : context.restart("pbm.http.max-connections");
        if (wanted == null || wanted.getValue() == null) {
            return value;
        }
        long configured;
        try {
            configured = Long.parseLong(wanted.getValue().trim());
        } catch (NumberFormatException e) {
            return value; // Quarkus reports the malformed value itself
        }
        long files = Connections.openFileLimit();
        ConfigValue reservedValue = context.restart("pbm.http.reserved-files");
        long reserved = reservedValue == null || reservedValue.getValue() == null ? 1024
                : Long.parseLong(reservedValue.getValue().trim());
        long limit = configured;
        if (files > 0 && configured > files - reserved) {
            limit = Math.max(1, files - reserved);
            lowered = configured + " -> " + limit + " (open-file limit " + files + ", " + reserved + " kept for the service)";
        }
        return wanted.withName(QUARKUS_LIMIT).withValue(String.valueOf(limit));
    }
}
