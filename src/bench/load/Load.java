import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load probe for issue 21 (run by src/bench/load.sh; plain Java, no dependencies).
 * mixed N PORT: N concurrent mixed decision requests; every answer must be complete and in request order (the ids
 * of the results equal the ids sent, in order) or a 503 problem with Retry-After. Prints p50/p99 and the refused.
 * idle N PORT: holds N idle connections open, then times a decision request on a fresh connection.
 */
public class Load {

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[1]);
        int port = Integer.parseInt(args[2]);
        if (args[0].equals("idle")) {
            idle(n, port);
        } else if (args[0].equals("one")) {
            mixedCalls(List.of(call(n)), port); // call number N alone
        } else if (args[0].equals("hold")) {
            hold(n, port);
        } else {
            mixed(n, port);
        }
    }

    record Call(String path, String body, List<String> ids, String idField) {
    }

    static Call call(int i) {
        int items = switch (i % 4) { case 0 -> 1; case 1 -> 2000; case 2 -> 200; default -> 20000; };
        List<String> ids = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        switch (i % 5) {
            case 0 -> {
                return new Call("/api/v1/grading/evaluation", "{\"score\": " + (i % 101) + "}", List.of(), null);
            }
            case 1, 2 -> {
                b.append("{\"asOf\": \"2023-10-31\", \"projects\": [");
                for (int k = 0; k < items; k++) {
                    String id = "P" + i + "-" + k;
                    ids.add(id);
                    b.append(k == 0 ? "" : ",").append("{\"projectId\": \"").append(id).append("\", \"projectName\": \"农村道路养护\",")
                            .append(" \"budget\": 1000000, \"executed\": ").append((k * 7919) % 1000000)
                            .append(", \"directFunds\": ").append(k % 2 == 0).append(", \"implementationConditionsMet\": true,")
                            .append(" \"targets\": [{\"name\": \"养护里程（公里）\", \"direction\": \"AT_LEAST\", \"expected\": 100, \"actual\": ")
                            .append(k % 120).append("}]}");
                }
                return new Call("/api/v1/monitoring/warnings", b.append("]}").toString(), ids, "projectId");
            }
            case 3 -> {
                b.append("{\"budgetYear\": 2025, \"projects\": [");
                for (int k = 0; k < Math.min(items, 5000); k++) {
                    String id = "B" + i + "-" + k;
                    ids.add(id);
                    b.append(k == 0 ? "" : ",").append("{\"projectId\": \"").append(id).append("\", \"budget\": 1000000.00,")
                            .append(" \"hasTargets\": true, \"targetDimensions\": [\"QUANTITY\", \"QUALITY\", \"TIMELINESS\", \"EFFECT\"],")
                            .append(" \"selfEvaluatedLastYear\": true, \"evaluationGrade\": \"FAIR\", \"rectificationDone\": true}");
                }
                return new Call("/api/v1/budget-adjustments", b.append("]}").toString(), ids, "projectId");
            }
            default -> {
                b.append("{\"asOf\": \"2025-10-10\", \"items\": [");
                for (int k = 0; k < Math.min(items, 2000); k++) {
                    String id = "D" + i + "-" + k;
                    ids.add(id);
                    b.append(k == 0 ? "" : ",").append("{\"itemId\": \"").append(id)
                            .append("\", \"kind\": \"BUDGET_TARGETS_PUBLICATION\", \"triggerDate\": \"2025-09-15\", \"classified\": false}");
                }
                return new Call("/api/v1/disclosure/deadlines", b.append("]}").toString(), ids, "itemId");
            }
        }
    }

    static void mixed(int n, int port) throws Exception {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(call(i));
        }
        mixedCalls(calls, port);
    }

    static void mixedCalls(List<Call> calls, int port) throws Exception {
        int n = calls.size();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger ok = new AtomicInteger(), refused = new AtomicInteger(), bad = new AtomicInteger();
        List<CompletableFuture<?>> futures = new ArrayList<>();
        long wall = System.nanoTime();
        for (Call call : calls) {
            long start = System.nanoTime();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + call.path()))
                    .header("Content-Type", "application/json").timeout(Duration.ofMinutes(10))
                    .POST(HttpRequest.BodyPublishers.ofString(call.body())).build();
            futures.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                millis.add((System.nanoTime() - start) / 1_000_000);
                if (e != null) {
                    bad.incrementAndGet();
                    System.out.println("FAILED " + call.path() + " after " + (System.nanoTime() - start) / 1_000_000
                            + " ms: " + e + (e.getCause() != null ? " / cause: " + e.getCause() : ""));
                } else if (r.statusCode() == 503 && r.headers().firstValue("Retry-After").isPresent()
                        && r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                    refused.incrementAndGet();
                } else if (r.statusCode() == 200 && complete(call, r.body())) {
                    ok.incrementAndGet();
                } else {
                    bad.incrementAndGet();
                    System.out.println("BAD " + call.path() + " " + r.statusCode() + " "
                            + r.body().substring(0, Math.min(300, r.body().length())));
                }
            }));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).exceptionally(x -> null).join();
        long wallMs = (System.nanoTime() - wall) / 1_000_000;
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("requests=%d complete-and-in-order=%d refused-503=%d bad=%d p50=%d ms p99=%d ms max=%d ms wall=%d ms%n",
                n, ok.get(), refused.get(), bad.get(), sorted.get(sorted.size() / 2),
                sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)),
                sorted.get(sorted.size() - 1), wallMs);
        if (bad.get() > 0) {
            System.exit(1);
        }
    }

    /** The answer parses to the end and lists exactly the request's ids, in the request's order. */
    static boolean complete(Call call, String body) {
        if (!body.startsWith("{\"decisionId\"") || !body.endsWith("}")) {
            return false;
        }
        if (call.idField() == null) {
            return body.contains("\"grade\"");
        }
        Matcher m = Pattern.compile("\"" + call.idField() + "\":\"([^\"]*)\"").matcher(body);
        List<String> seen = new ArrayList<>();
        while (m.find()) {
            seen.add(m.group(1));
        }
        return seen.equals(call.ids());
    }

    /** Holds N idle connections (one process cannot hold more than its own open-file limit) until killed. */
    static void hold(int n, int port) throws Exception {
        List<SocketChannel> held = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            try {
                held.add(SocketChannel.open(new InetSocketAddress("localhost", port)));
            } catch (Exception e) {
                // counted below
            }
        }
        System.out.println("HELD " + held.size());
        Thread.sleep(Long.MAX_VALUE);
    }

    static void idle(int n, int port) throws Exception {
        List<SocketChannel> held = new ArrayList<>();
        int failed = 0;
        long opening = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try {
                held.add(SocketChannel.open(new InetSocketAddress("localhost", port)));
            } catch (Exception e) {
                failed++;
            }
        }
        System.out.printf("idle connections opened=%d failed-to-open=%d in %d ms%n", held.size(), failed,
                (System.nanoTime() - opening) / 1_000_000);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long start = System.nanoTime();
        int status = -1;
        int attempts = 0;
        while (System.nanoTime() - start < 120_000_000_000L) {
            attempts++;
            try {
                status = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/grading/evaluation"))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"score\": 85}")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
                if (status == 200) {
                    break;
                }
            } catch (Exception e) {
                Thread.sleep(500);
            }
        }
        System.out.printf("with %d idle connections held: a decision answered %d after %d ms (attempts: %d)%n", held.size(),
                status, (System.nanoTime() - start) / 1_000_000, attempts);
        // ten more, one after another, each on a fresh connection
        long[] each = new long[10];
        for (int i = 0; i < each.length; i++) {
            long t = System.nanoTime();
            HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            int s = fresh.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/grading/evaluation"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"score\": 85}")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
            each[i] = s == 200 ? (System.nanoTime() - t) / 1_000_000 : -s;
        }
        System.out.println("ten more decisions on fresh connections, ms each (negative: status): " + java.util.Arrays.toString(each));
        System.out.println("HOLDING");
        Thread.sleep(Long.getLong("hold.seconds", 0) * 1000);
        // how many of the held connections the server has closed by now (idle timeout)
        java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
        int closed = 0;
        for (SocketChannel c : held) {
            c.configureBlocking(false);
            try {
                if (c.read(one) < 0) {
                    closed++;
                }
            } catch (Exception e) {
                closed++;
            }
            one.clear();
        }
        System.out.printf("after %d s: %d of the %d idle connections closed by the server%n",
                (System.nanoTime() - opening) / 1_000_000_000L, closed, held.size());
        for (SocketChannel c : held) {
            c.close();
        }
    }
}
