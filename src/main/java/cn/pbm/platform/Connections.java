package cn.pbm.platform;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

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
    static final String EVICT = "pbm-evict-idle";
    /** Idle connections closed to make room for a new one, since start. */
    static final AtomicLong EVICTED = new AtomicLong();
    private static final AttributeKey<AtomicInteger> IN_FLIGHT = AttributeKey.valueOf("pbm.requests-in-flight");

    private final AtomicBoolean acceptWatched = new AtomicBoolean();
    private volatile int evictAbove = Integer.MAX_VALUE;

    void install(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-connections") java.util.OptionalInt maxConnections) {
        if (maxConnections.isPresent() && maxConnections.getAsInt() > 0) {
            int limit = maxConnections.getAsInt();
            // below the server's own limit by 5 % (at least 32): an evicted connection is closed a moment later on
            // its own event loop, and the server counts it until then; the headroom keeps a burst of new
            // connections from reaching the server's limit before the evicted ones are gone
            evictAbove = Math.max(1, limit - Math.max(32, limit / 20));
        }
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            if (ctx.request().connection() instanceof ConnectionBase connection) {
                Channel channel = connection.channel();
                if (channel.parent() != null && evictAbove < Integer.MAX_VALUE && acceptWatched.compareAndSet(false, true)) {
                    Channel listener = channel.parent();
                    int above = evictAbove;
                    listener.eventLoop().execute(() -> {
                        listener.pipeline().addFirst(EVICT, new EvictIdleWhenFull(above));
                        LOG.infof("Connections: above %d open connections the oldest idle ones are closed", above);
                    });
                }
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

    /**
     * Watches the listening socket: every accepted connection is counted, and when more than {@code limit} are open
     * the oldest connections on which no request is under way are closed, so that the new caller is served
     * instead of refused. A connection whose request is being decided is never closed here.
     */
    static final class EvictIdleWhenFull extends ChannelInboundHandlerAdapter {
        private final int limit;
        /** Open connections, oldest first. */
        private final Set<Channel> open = new LinkedHashSet<>();

        EvictIdleWhenFull(int limit) {
            this.limit = limit;
        }

        @Override
        public boolean isSharable() {
            return true;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof Channel child) {
                synchronized (open) {
                    open.add(child);
                    int excess = open.size() - limit;
                    for (Iterator<Channel> oldest = open.iterator(); excess > 0 && oldest.hasNext();) {
                        Channel candidate = oldest.next();
                        AtomicInteger inFlight = candidate.attr(IN_FLIGHT).get();
                        if (candidate == child || (inFlight != null && inFlight.get() > 0)) {
                            continue; // the newcomer, or a request being decided: kept
                        }
                        oldest.remove();
                        excess--;
                        EVICTED.incrementAndGet();
                        candidate.close();
                    }
                }
                child.closeFuture().addListener(closed -> {
                    synchronized (open) {
                        open.remove(child);
                    }
                });
            }
            ctx.fireChannelRead(message);
        }
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

    /**
     * The listening socket is reached through the first request's connection; one request to the service itself
     * when the server starts makes sure it is watched before any caller comes.
     */
    void watchFromTheStart(@ObservesAsync HttpServerStart start) {
        int port = start.options().getPort();
        if (port <= 0 || evictAbove == Integer.MAX_VALUE) {
            return;
        }
        String host = start.options().getHost() == null || start.options().getHost().equals("0.0.0.0")
                ? "localhost" : start.options().getHost();
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /q/health/live HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getInputStream().readAllBytes();
        } catch (IOException e) {
            LOG.debugf("Connections: the start-up request did not go through (%s); the first caller's will", e);
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
