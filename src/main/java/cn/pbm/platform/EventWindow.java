package cn.pbm.platform;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;


import jakarta.enterprise.context.ApplicationScoped;

/**
 * The dedup window of the event bridge: the answers it sent for the last {@code pbm.events.dedup-window-size}
 * request events, none older than {@code pbm.events.dedup-window-duration}, by the event's identity (its
 * CloudEvent {@code source} and {@code id}). It lives in this replica's memory: after a rebalance moves a
 * partition to another replica, or after a restart, that replica has no entries for the events it inherits.
 */
@ApplicationScoped
public class EventWindow {

    private final int size;
    private final long maxAgeNanos;
    private final LinkedHashMap<String, Sent> sent = new LinkedHashMap<>();

    @jakarta.inject.Inject
    public EventWindow(PbmConfig config) {
        this(config.events().dedupWindowSize(), config.events().dedupWindowDuration());
    }

    public EventWindow(int size, Duration duration) {
        this.size = size;
        this.maxAgeNanos = duration.toNanos();
    }

    /** What was answered to an earlier event of this identity within the window. */
    synchronized Optional<Sent> recall(String identity) {
        evict(System.nanoTime());
        return Optional.ofNullable(sent.get(identity));
    }

    synchronized void remember(String identity, Sent answer) {
        if (size <= 0) {
            return;
        }
        sent.remove(identity);
        sent.put(identity, answer);
        evict(answer.at());
    }

    private void evict(long now) {
        Iterator<Map.Entry<String, Sent>> oldest = sent.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Sent> entry = oldest.next();
            if (sent.size() > size || now - entry.getValue().at() > maxAgeNanos) {
                oldest.remove();
            } else {
                break;
            }
        }
    }

    /**
     * One answer: to the decision topic or to the dead-letter topic, with its Kafka key and payload, and
     * the hash of the request's data (a later event with the same identity but other data is not a redelivery).
     */
    record Sent(String dataHash, boolean deadLetter, String key, String payload, long at) {
    }
}
