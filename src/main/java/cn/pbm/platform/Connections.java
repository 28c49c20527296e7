package cn.pbm.platform;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

/**
 * Connections (issue 21, docs/hardening.md "Connections"). The service's own watcher on the listening socket is
 * the only connection limit (Quarkus' {@code quarkus.http.limits.max-connections} is not set: it refused a new
 * connection before the idle ones closed to make room for it were gone):
 * <ul>
 * <li>the limit is {@code pbm.http.max-connections}, lowered once at start-up to the process's open-file limit less
 * {@code pbm.http.reserved-files} (past the file limit a connection is not refused but left unaccepted, and the
 * service has no descriptor left for its own files); the start-up log says the limit in force and why;</li>
 * <li>when a new connection takes the count above the limit, the oldest idle connections (no request under way)
 * are closed; if none can be, the newcomer is closed;</li>
 * <li>the idle timeout ({@code quarkus.http.idle-timeout}) closes a connection on which nothing is being asked,
 * but is held off while a request is under way on it (from its head until its answer is written): a long decision
 * writes nothing for many seconds.</li>
 * </ul>
 * Each accepted connection gets {@link Guard} (requests under way, idle timeout) and {@link CodecProblems} (the
 * codec's empty 4xx answered as problem+json) just before Vert.x's own {@code handler}.
 */
@ApplicationScoped
public class Connections {

    private static final Logger LOG = Logger.getLogger(Connections.class);
    static final String WATCHER = "pbm-connections";
    static final String GUARD = "pbm-guard";
    static final String PROBLEMS = "pbm-codec-problems";
    /** Idle connections closed to make room for a new one, since start. */
    static final AtomicLong EVICTED = new AtomicLong();
    /** New connections closed because every open one had a request under way, since start. */
    static final AtomicLong REFUSED = new AtomicLong();
    private static final AttributeKey<AtomicInteger> IN_FLIGHT = AttributeKey.valueOf("pbm.requests-in-flight");

    /** Connections open on the watched listening socket, and requests under way on them (for tests and logs). */
    static final AtomicInteger OPEN = new AtomicInteger();
    static final AtomicInteger UNDER_WAY = new AtomicInteger();
    private static volatile boolean watching;

    private final AtomicBoolean watched = new AtomicBoolean();
    private volatile int limit = Integer.MAX_VALUE;

    /** The limit in force: the configured one, lowered to the open-file limit less the reserved files. */
    static int effectiveLimit(int configured, long openFiles, int reserved) {
        if (openFiles > 0 && configured > openFiles - reserved) {
            return (int) Math.max(1, openFiles - reserved);
        }
        return configured;
    }

    void install(@Observes Router router, PbmConfig config,
            @ConfigProperty(name = "quarkus.http.idle-timeout") Duration idleTimeout) {
        int configured = config.http().maxConnections();
        int reserved = config.http().reservedFiles();
        long files = openFileLimit();
        limit = effectiveLimit(configured, files, reserved);
        watching = false; // a restarted application (tests) watches its new listening socket
        if (limit < configured) {
            LOG.warnf("Connections: at most %d open at once, lowered from pbm.http.max-connections=%d to the open-file"
                    + " limit %d less pbm.http.reserved-files=%d; raise the open-file limit (ulimit -n, LimitNOFILE)"
                    + " to hold more. Idle connections are closed after %s", limit, configured, files, reserved,
                    idleTimeout);
        } else {
            LOG.infof("Connections: at most %d open at once (pbm.http.max-connections; open-file limit %d, %d kept"
                    + " for the service); idle connections are closed after %s", limit, files, reserved, idleTimeout);
        }
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            if (ctx.request().connection() instanceof ConnectionBase connection) {
                Channel channel = connection.channel();
                if (channel.parent() != null && watched.compareAndSet(false, true)) {
                    Channel listener = channel.parent();
                    int max = limit;
                    listener.eventLoop().execute(() -> {
                        listener.pipeline().addFirst(WATCHER, new Watcher(max));
                        watching = true;
                    });
                }
                if (channel.pipeline().get(GUARD) == null && channel.pipeline().get("handler") != null) {
                    // accepted before the watcher was installed: guarded from this request on
                    equip(channel.pipeline());
                    channel.attr(IN_FLIGHT).get().incrementAndGet(); // this request, whose head has passed
                    UNDER_WAY.incrementAndGet();
                }
            }
            ctx.next();
        });
    }

    /** Adds the per-connection handlers just before Vert.x's {@code handler} (after the codec and "idle"). */
    static void equip(ChannelPipeline pipeline) {
        AtomicInteger inFlight = new AtomicInteger();
        pipeline.channel().attr(IN_FLIGHT).set(inFlight);
        pipeline.addBefore("handler", GUARD, new Guard(inFlight));
        pipeline.addBefore("handler", PROBLEMS, new CodecProblems());
    }

    /**
     * On the listening socket: counts the open connections, oldest first; above the limit closes the oldest on
     * which no request is under way, or else the newcomer. Runs on the acceptor's event loop only.
     */
    static final class Watcher extends ChannelInboundHandlerAdapter {
        private final int limit;
        private final Set<Channel> open = new LinkedHashSet<>();

        Watcher(int limit) {
            this.limit = limit;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (!(message instanceof Channel child)) {
                ctx.fireChannelRead(message);
                return;
            }
            Runnable forget = () -> {
                if (open.remove(child)) {
                    OPEN.set(open.size());
                }
            };
            child.closeFuture().addListener(closed -> {
                if (ctx.executor().inEventLoop()) {
                    forget.run();
                } else {
                    ctx.executor().execute(forget);
                }
            });
            if (open.size() >= limit) {
                int toClose = open.size() - limit + 1;
                for (Iterator<Channel> oldest = open.iterator(); toClose > 0 && oldest.hasNext();) {
                    Channel candidate = oldest.next();
                    AtomicInteger inFlight = candidate.attr(IN_FLIGHT).get();
                    if (inFlight != null && inFlight.get() > 0) {
                        continue; // a request is under way on it: kept
                    }
                    oldest.remove(); // counted out now, closed on its own event loop a moment later
                    OPEN.set(open.size());
                    toClose--;
                    EVICTED.incrementAndGet();
                    candidate.close();
                }
                if (toClose > 0) { // every open connection is busy: the newcomer goes
                    REFUSED.incrementAndGet();
                    child.unsafe().closeForcibly();
                    return;
                }
            }
            open.add(child);
            OPEN.set(open.size());
            child.pipeline().addFirst(new Equip());
            ctx.fireChannelRead(child);
        }
    }

    /** Once the connection is registered (Vert.x has built its pipeline), adds the per-connection handlers. */
    static final class Equip extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRegistered(ChannelHandlerContext ctx) throws Exception {
            tryEquip(ctx);
            super.channelRegistered(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            tryEquip(ctx); // the pipeline was not built yet at registration (e.g. after a TLS handshake)
            super.channelRead(ctx, msg);
        }

        private void tryEquip(ChannelHandlerContext ctx) {
            ChannelPipeline pipeline = ctx.pipeline();
            if (pipeline.get("handler") != null) {
                if (pipeline.get(GUARD) == null) {
                    equip(pipeline);
                }
                pipeline.remove(this);
            }
        }
    }

    /**
     * Counts the requests under way on a connection (a request head read, its answer not yet written to the end) and
     * swallows the idle event while there is one; the codec's timer fires again later.
     */
    static final class Guard extends ChannelDuplexHandler {
        private final AtomicInteger inFlight;

        Guard(AtomicInteger inFlight) {
            this.inFlight = inFlight;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof HttpRequest) {
                inFlight.incrementAndGet();
                UNDER_WAY.incrementAndGet();
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            boolean informational = msg instanceof HttpResponse response && response.status().code() < 200;
            if (msg instanceof LastHttpContent && !informational && inFlight.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                UNDER_WAY.decrementAndGet();
            }
            super.write(ctx, msg, promise);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            UNDER_WAY.addAndGet(-inFlight.getAndSet(0)); // closed with a request still under way
            super.channelInactive(ctx);
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
    void watchFromTheStart(@ObservesAsync HttpServerStart start, io.vertx.core.Vertx vertx) {
        int port = start.options().getPort();
        if (port <= 0 && vertx instanceof io.vertx.core.impl.VertxInternal internal) { // a random port (tests)
            port = internal.sharedHttpServers().values().stream().mapToInt(server -> server.actualPort())
                    .filter(p -> p > 0).findFirst().orElse(0);
        }
        if (port <= 0) {
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

    /** Whether the listening socket is watched yet (tests wait for it). */
    static boolean watching() {
        return watching;
    }

    /** The process's open-file limit, or -1 where the platform does not tell. */
    static long openFileLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            return os.getMaxFileDescriptorCount();
        }
        return -1;
    }
}
