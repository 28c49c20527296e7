package cn.pbm.platform;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.LoggingFilter;

/**
 * With the event bridge off ({@code pbm.events.enabled=false}, the default) its channels are disabled by
 * configuration, and SmallRye Reactive Messaging warns at start-up that the bridge's consumers and emitters
 * are not connected (SRMSG00207). That is the intended state, not a fault, so the warning is left out then;
 * with the bridge on it is kept (it would then name a real wiring fault).
 */
@LoggingFilter(name = "pbm-events-off")
public final class EventsOffLogFilter implements Filter {

    static final String NOT_CONNECTED = "SRMSG00207";

    private final boolean eventsEnabled;

    public EventsOffLogFilter(@ConfigProperty(name = "pbm.events.enabled", defaultValue = "false") boolean eventsEnabled) {
        this.eventsEnabled = eventsEnabled;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        return eventsEnabled || record.getMessage() == null || !record.getMessage().contains(NOT_CONNECTED);
    }
}
