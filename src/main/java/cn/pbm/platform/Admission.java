package cn.pbm.platform;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Response;

/**
 * Admission control: a bounded number of items (projects, departments, forms, requests without a list: 1) are
 * being decided at once ({@code pbm.admission.max-items}). A request whose items do not fit waits up to
 * {@code pbm.admission.max-wait} for others to finish, then is refused {@code 503} with {@code Retry-After}
 * (problem+json). A request larger than the whole budget waits until nothing else is in flight. Its items are
 * held from the moment its body is read until the request ends (answer written, decision logged).
 */
@ApplicationScoped
public class Admission {

    private final int maxItems;
    private final long maxWaitMillis;
    private final int retryAfterSeconds;
    private final Semaphore permits;

    public Admission(PbmConfig config) {
        int maxItems = config.admission().maxItems();
        java.time.Duration maxWait = config.admission().maxWait();
        java.time.Duration retryAfter = config.admission().retryAfter();
        this.maxItems = Math.max(1, maxItems);
        this.maxWaitMillis = maxWait.toMillis();
        this.retryAfterSeconds = (int) Math.max(1, retryAfter.toSeconds());
        this.permits = new Semaphore(this.maxItems, true);
    }

    /** Items in a request body: the sizes of its top-level lists, at least 1. */
    static int items(Object body) {
        if (body == null) {
            return 1;
        }
        long items = 0;
        for (var method : LIST_GETTERS.get(body.getClass())) {
            try {
                Object list = method.invoke(body);
                items += list == null ? 0 : ((Collection<?>) list).size();
            } catch (ReflectiveOperationException e) {
                // not a property
            }
        }
        return (int) Math.max(1, Math.min(items, Integer.MAX_VALUE));
    }

    /**
     * A body class's getters of collections, found once per class (issue 19: {@code getMethods()} copies every
     * public method of the class on each call).
     */
    private static final ClassValue<List<java.lang.reflect.Method>> LIST_GETTERS = new ClassValue<>() {
        @Override
        protected List<java.lang.reflect.Method> computeValue(Class<?> type) {
            List<java.lang.reflect.Method> getters = new java.util.ArrayList<>();
            for (var method : type.getMethods()) {
                if (method.getParameterCount() == 0 && method.getName().startsWith("get")
                        && Collection.class.isAssignableFrom(method.getReturnType())) {
                    getters.add(method);
                }
            }
            return List.copyOf(getters);
        }
    };

    /** Takes {@code items} permits for the current request (released by {@link Ticket} when it ends). */
    void admit(Ticket ticket, Object body) {
        admitItems(ticket, items(body));
    }

    /** As {@link #admit(Ticket, Object)} for a known number of items (a simulation: its dataset's, twice). */
    void admitItems(Ticket ticket, int items) {
        int wanted = Math.min(Math.max(1, items), maxItems);
        boolean admitted;
        try {
            admitted = permits.tryAcquire(wanted, maxWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            throw new Overloaded(wanted);
        }
        ticket.hold(this, wanted);
    }

    void release(int items) {
        permits.release(items);
    }

    int available() {
        return permits.availablePermits();
    }

    /** Takes every free permit (as requests in flight would); for tests. */
    int drain() {
        return permits.drainPermits();
    }

    /** The items one request holds; given back when its request context ends, whatever happened. */
    @RequestScoped
    public static class Ticket {
        private Admission admission;
        private int items;

        synchronized void hold(Admission admission, int items) {
            release();
            this.admission = admission;
            this.items = items;
        }

        @PreDestroy
        synchronized void release() {
            if (admission != null && items > 0) {
                admission.release(items);
            }
            items = 0;
        }
    }

    static final class Overloaded extends RuntimeException {
        final int items;

        Overloaded(int items) {
            super("too many items being decided");
            this.items = items;
        }
    }

    @ServerExceptionMapper
    public Response overloaded(Overloaded e) {
        return Response.fromResponse(Problems.response(503, "overloaded", "Service busy",
                "Too many items are being decided at once (limit pbm.admission.max-items = " + maxItems
                        + "); this request's " + e.items + " were not started. Retry later.", List.of()))
                .header("Retry-After", retryAfterSeconds).build();
    }
}
