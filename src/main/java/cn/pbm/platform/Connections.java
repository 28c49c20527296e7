package cn.pbm.platform;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Connections (issue 21, docs/hardening.md):
 * <ul>
 * <li>the idle timeout ({@code quarkus.http.idle-timeout}) closes a connection on which nothing is being asked: one
 * that never sent a request, or a kept-alive one between requests. While a request is under way on a connection
 * (from its head until its answer is written) the timeout is held off: a long decision writes nothing for many
 * seconds, and the codec's timeout alone cut such a call off without an answer;</li>
 * <li>{@code quarkus.http.limits.max-connections} must stay below the process's open-file limit, or the
 * descriptors run out before the limit is reached; {@link ConnectionLimitClamp} lowers it to the file limit less
 * {@code pbm.http.reserved-files}, and the effective figures are logged at start-up.</li>
 * </ul>
 */
@ApplicationScoped
public class Connections {

    private static final Logger LOG = Logger.getLogger(Connections.class);
    static final String GUARD = "pbm-deciding";
    private static final AttributeKey<AtomicInteger> IN_FLIGHT = AttributeKey.valueOf("pbm.requests-in-flight");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            if (ctx.request().connection() instanceof ConnectionBase connection) {
                Channel channel = connection.channel();
                AtomicInteger inFlight = channel.attr(IN_FLIGHT).setIfAbsent(new AtomicInteger());
                if (inFlight == null) { // first request on this connection
                    inFlight = channel.attr(IN_FLIGHT).get();
                    if (channel.pipeline().get("idle") != null && channel.pipeline().get(GUARD) == null) {
                        channel.pipeline().addAfter("idle", GUARD, new HoldIdleWhileDeciding(inFlight));
                    }
                }
                AtomicInteger count = inFlight;
                count.incrementAndGet();
                ctx.addEndHandler(done -> count.decrementAndGet());
            }
            ctx.next();
        });
    }

    /** Swallows the idle event while a request is under way on the connection; the codec's timer fires again later. */
    static final class HoldIdleWhileDeciding extends ChannelDuplexHandler {
        private final AtomicInteger inFlight;

        HoldIdleWhileDeciding(AtomicInteger inFlight) {
            this.inFlight = inFlight;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent && inFlight.get() > 0) {
                return;
            }
            super.userEventTriggered(ctx, event);
        }
    }

    /** The process's open-file limit, or -1 where the platform does not tell. */
    static long openFileLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            return os.getMaxFileDescriptorCount();
        }
        return -1;
    }

    void report(@Observes StartupEvent start,
            @ConfigProperty(name = "quarkus.http.limits.max-connections") java.util.OptionalInt maxConnections,
            @ConfigProperty(name = "quarkus.http.idle-timeout") java.time.Duration idleTimeout) {
        String limit = maxConnections.isPresent() ? String.valueOf(maxConnections.getAsInt()) : "none";
        if (ConnectionLimitClamp.lowered != null) {
            LOG.warnf("Connections: the limit was lowered %s; raise the open-file limit (ulimit -n, LimitNOFILE)"
                    + " to hold more. Idle connections are closed after %s", ConnectionLimitClamp.lowered, idleTimeout);
        } else {
            LOG.infof("Connections: at most %s open at once (open-file limit %d); idle connections closed after %s",
                    limit, openFileLimit(), idleTimeout);
        }
    }
}
