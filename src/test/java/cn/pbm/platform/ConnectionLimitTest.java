package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * The service's own connection limit (issue 21, docs/hardening.md "Connections"): beyond it the oldest idle
 * connections make room for a new caller, and a connection whose request is under way is never closed for it. The
 * idle timeout is long here, so that every connection closed in these tests was closed to make room.
 */
@QuarkusTest
@TestProfile(ConnectionLimitTest.SmallLimit.class)
class ConnectionLimitTest {

    static final int LIMIT = 100;

    public static class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pbm.http.max-connections", String.valueOf(LIMIT),
                    "quarkus.http.idle-timeout", "120s",
                    "pbm.admission.max-items", "3",
                    "pbm.admission.max-wait", "3s",
                    "pbm.decision-log.file", "target/decisions-connection-limit-test.log");
        }
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    Admission admission;

    /** Makes sure the listening socket is watched (a call installs it if the start-up one has not yet). */
    static void ensureWatched(int port) throws Exception {
        if (!Connections.watching()) {
            try (Socket socket = new Socket("localhost", port)) {
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write("GET /q/health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                socket.getInputStream().readAllBytes();
            }
        }
        await("the listening socket is watched", Connections::watching);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s for: " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Each test starts with the listening socket watched and no connection of an earlier test still counted. */
    @BeforeEach
    void quiet() throws Exception {
        ensureWatched(port);
        await("connections of earlier tests are gone", () -> Connections.OPEN.get() <= 2);
        await("no request under way", () -> Connections.UNDER_WAY.get() == 0);
    }

    private String decide() throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("POST /api/v1/grading/evaluation HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"score\": 85}")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Whether the server closed the socket within {@code millis} (end of stream or reset). */
    private static boolean closedWithin(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void beyondTheLimitTheOldestIdleConnectionsMakeRoomAndTheNewCallerIsAnswered() throws Exception {
        long evicted = Connections.EVICTED.get();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT + 50; i++) {
                sockets.add(new Socket("localhost", port));
            }
            // behind them in the accept queue: answered on the first try, not refused
            assertThat(decide()).startsWith("HTTP/1.1 200").contains("\"grade\"");
            assertThat(Connections.OPEN.get()).isLessThanOrEqualTo(LIMIT);
            int oldestClosed = 0;
            for (Socket socket : sockets.subList(0, 50)) {
                oldestClosed += closedWithin(socket, 10_000) ? 1 : 0;
            }
            assertThat(oldestClosed).as("the 50 oldest idle connections were closed to make room").isEqualTo(50);
            int newestClosed = 0;
            for (Socket socket : sockets.subList(sockets.size() - 40, sockets.size())) {
                newestClosed += closedWithin(socket, 50) ? 1 : 0;
            }
            assertThat(newestClosed).as("the newest were kept").isZero();
            assertThat(Connections.EVICTED.get() - evicted).isGreaterThanOrEqualTo(50);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void aConnectionWhoseRequestIsUnderWayIsNeverClosedToMakeRoom() throws Exception {
        int taken = admission.drain(); // the request below waits 3 s for admission, then gets its 503
        List<Socket> sockets = new ArrayList<>();
        String answer;
        try (Socket deciding = new Socket("localhost", port)) {
            deciding.setSoTimeout(20_000);
            deciding.getOutputStream().write(("POST /api/v1/grading/evaluation HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"score\": 85}")
                    .getBytes(StandardCharsets.ISO_8859_1));
            deciding.getOutputStream().flush();
            await("its head is read", () -> Connections.UNDER_WAY.get() == 1);
            for (int i = 0; i < LIMIT + 50; i++) { // the oldest connection is the one under way
                sockets.add(new Socket("localhost", port));
            }
            assertThat(decide()).startsWith("HTTP/1.1 503"); // admission is drained: a prompt 503, not a refusal
            byte[] head = new byte[12];
            int n = deciding.getInputStream().readNBytes(head, 0, 12);
            answer = new String(head, 0, n, StandardCharsets.ISO_8859_1);
            assertThat(closedWithin(sockets.get(0), 10_000)).as("an idle one was closed instead").isTrue();
        } finally {
            admission.release(taken);
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        assertThat(answer).as("answered, not closed").isEqualTo("HTTP/1.1 503");
    }
}
