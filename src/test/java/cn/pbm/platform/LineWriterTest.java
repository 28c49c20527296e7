package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The decision log's group commit: whole lines, in order, never two writes at once, each caller back once written. */
class LineWriterTest {

    @Test
    void linesQueuedWhileOneIsWrittenGoOutTogetherInQueueOrder() throws Exception {
        List<String> writes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        LineWriter writer = new LineWriter((bytes, length) -> {
            writes.add(new String(bytes, 0, length, StandardCharsets.UTF_8));
            if (writes.size() == 1) {
                firstWriteStarted.countDown();
                await(releaseFirstWrite);
            }
        });
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            Future<?> a = callers.submit(() -> write(writer, "a\n"));
            assertThat(firstWriteStarted.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<?>> others = new ArrayList<>();
            for (String line : List.of("b\n", "c\n", "d\n")) {
                others.add(callers.submit(() -> write(writer, line)));
                waitUntil(() -> writer.queued() == others.size()); // queued in this order
            }
            for (Future<?> other : others) {
                assertThat(other.isDone()).as("a caller returns only once its line is written").isFalse();
            }
            releaseFirstWrite.countDown();
            a.get(10, TimeUnit.SECONDS);
            for (Future<?> other : others) {
                other.get(10, TimeUnit.SECONDS);
            }
            assertThat(writes).containsExactly("a\n", "b\nc\nd\n");
            assertThat(writer.queued()).isZero();
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void manyCallersLoseNoLineTearNoneAndKeepEachCallersOrder() throws Exception {
        int threads = 16;
        int perThread = 1_500;
        ByteArrayOutputStream sunk = new ByteArrayOutputStream();
        AtomicInteger inSink = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger sinkCalls = new AtomicInteger();
        AtomicInteger gatheredWrites = new AtomicInteger();
        LineWriter writer = new LineWriter((bytes, length) -> {
            if (inSink.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            if (sinkCalls.incrementAndGet() % 64 == 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(200_000); // a slow write now and then: lines pile up
            }
            int lineFeeds = 0;
            for (int k = 0; k < length; k++) {
                lineFeeds += bytes[k] == '\n' ? 1 : 0;
            }
            if (lineFeeds > 1) {
                gatheredWrites.incrementAndGet();
            }
            sunk.write(bytes, 0, length);
            inSink.decrementAndGet();
        });
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(callers.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        // now and then a line longer than one gathered write, written on its own
                        int padding = i % 500 == 499 ? LineWriter.GATHER_BYTES + 17 : (i * 37 + thread) % 3000;
                        write(writer, line(thread, i, padding));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(overlaps.get()).as("writes at once").isZero();
        assertThat(gatheredWrites.get()).as("writes of several lines (the piled-up ones)").isPositive();
        String[] lines = sunk.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertThat(lines).hasSize(threads * perThread + 1);
        assertThat(lines[lines.length - 1]).isEmpty(); // ends in a line feed
        int[] next = new int[threads];
        for (int k = 0; k < lines.length - 1; k++) {
            String[] parts = lines[k].split(" ", 3);
            int thread = Integer.parseInt(parts[0]);
            int i = Integer.parseInt(parts[1]);
            assertThat(i).as("line %d of caller %d", k, thread).isEqualTo(next[thread]++);
            assertThat(lines[k] + "\n").isEqualTo(line(thread, i, parts[2].length()));
        }
    }

    @Test
    void aLineLongerThanOneGatheredWriteIsWrittenAsItIs() throws Exception {
        List<byte[]> arrays = new ArrayList<>();
        LineWriter writer = new LineWriter((bytes, length) -> arrays.add(bytes));
        byte[] big = line(0, 0, LineWriter.GATHER_BYTES).getBytes(StandardCharsets.UTF_8);
        writer.write(big, big.length);
        assertThat(arrays).hasSize(1);
        assertThat(arrays.get(0)).isSameAs(big);
    }

    @Test
    void aFailedWriteFailsEveryCallerInItAndTheNextWriteGoesOut() throws Exception {
        List<String> writes = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        LineWriter writer = new LineWriter((bytes, length) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IOException("disk full");
            }
            writes.add(new String(bytes, 0, length, StandardCharsets.UTF_8));
        });
        byte[] first = "x\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> writer.write(first, first.length)).isInstanceOf(IOException.class)
                .hasMessage("disk full");
        byte[] second = "y\n".getBytes(StandardCharsets.UTF_8);
        writer.write(second, second.length);
        assertThat(writes).containsExactly("y\n");
    }

    @Test
    void anErrorInAWriteStillGivesEveryCallerInItsTurnAnOutcome() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        LineWriter writer = new LineWriter((bytes, length) -> {
            int call = calls.incrementAndGet();
            if (call == 1) {
                firstWriteStarted.countDown();
                await(releaseFirstWrite);
            } else if (call == 2) {
                throw new StackOverflowError("in the sink");
            }
        });
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            Future<?> a = callers.submit(() -> write(writer, "a\n"));
            assertThat(firstWriteStarted.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> b = callers.submit(() -> write(writer, "b\n"));
            waitUntil(() -> writer.queued() == 1);
            Future<?> c = callers.submit(() -> write(writer, "c\n"));
            waitUntil(() -> writer.queued() == 2);
            releaseFirstWrite.countDown();
            // a's own line went out; a then wrote b's and c's and met the error, which it passes on
            assertThatThrownBy(() -> a.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(StackOverflowError.class);
            // b and c do not wait for ever: their write failed
            assertThatThrownBy(() -> b.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(StackOverflowError.class);
            assertThatThrownBy(() -> c.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(StackOverflowError.class);
            write(writer, "d\n");
            assertThat(calls.get()).isEqualTo(3);
        } finally {
            callers.shutdownNow();
        }
    }

    private static String line(int thread, int i, int padding) {
        return thread + " " + i + " " + "x".repeat(padding) + "\n";
    }

    private static Void write(LineWriter writer, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        try {
            writer.write(bytes, bytes.length);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return null;
    }

    /**
     * Lines that keep coming, one per write: the caller writing them stops after its own line and
     * {@link LineWriter#HELPING_TURNS} more, and a caller still queued then takes over, so nobody writes for everyone
     * for ever and no line is left queued with nobody to write it. Each write waits until the next caller has queued
     * its line and parked, so every write carries exactly one line.
     */
    @Test
    void aCallerHelpsForAFewTurnsThenHandsTheWritingOnAndNoLineIsLeftBehind() throws Exception {
        int lines = 24;
        List<String> writers = Collections.synchronizedList(new ArrayList<>()); // the thread of each write
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.Semaphore writeStarted = new java.util.concurrent.Semaphore(0);
        java.util.concurrent.Semaphore writeMayEnd = new java.util.concurrent.Semaphore(0);
        LineWriter writer = new LineWriter((bytes, length) -> {
            writers.add(Thread.currentThread().getName());
            written.add(new String(bytes, 0, length, StandardCharsets.UTF_8));
            writeStarted.release();
            writeMayEnd.acquireUninterruptibly();
        });
        List<Thread> callers = new ArrayList<>();
        try {
            for (int i = 0; i < lines; i++) {
                int index = i;
                Thread caller = new Thread(() -> write(writer, index + "\n"), "caller-" + i);
                callers.add(caller);
                caller.start();
                if (i > 0) { // the write in progress waits until this line is queued behind it and its caller parked
                    waitUntil(() -> writer.queued() == 1 && caller.getState() == Thread.State.WAITING);
                    writeMayEnd.release();
                }
                assertThat(writeStarted.tryAcquire(10, TimeUnit.SECONDS)).as("write of line " + i).isTrue();
            }
            writeMayEnd.release(); // the last line's write
            for (Thread caller : callers) {
                caller.join(10_000);
                assertThat(caller.isAlive()).as(caller.getName() + " left waiting").isFalse();
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < lines; i++) {
                expected.add(i + "\n");
            }
            assertThat(written).as("one line per write, in the order queued").isEqualTo(expected);
            assertThat(writer.queued()).isZero();
            int mostTurns = 1 + LineWriter.HELPING_TURNS;
            for (Thread caller : callers) {
                assertThat(Collections.frequency(writers, caller.getName())).as(caller.getName() + "'s writes")
                        .isLessThanOrEqualTo(mostTurns);
            }
            assertThat(Collections.frequency(writers, "caller-0")).as("the first caller wrote its line").isPositive();
        } finally {
            writeMayEnd.release(1000);
            for (Thread caller : callers) {
                caller.interrupt();
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
