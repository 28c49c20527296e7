package cn.pbm.platform;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@link DecisionLogBenchmark}'s cases measured in CPU time of the calling thread per operation (ThreadMXBean), not
 * wall time: on a machine other builds load, a descheduled thread does not count. Rounds alternate the cases, after
 * a warm-up of every case; each round is {@code ops} operations; the median round is printed per case.
 * {@code java -cp <bench classpath> cn.pbm.platform.DecisionLogCpu [ops] [rounds]}.
 */
public final class DecisionLogCpu {

    public static void main(String[] args) throws Exception {
        int ops = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        DecisionLogBenchmark b = new DecisionLogBenchmark();
        b.setUp();
        Map<String, Callable<Object>> cases = new LinkedHashMap<>();
        cases.put("lineCompact", b::lineCompact);
        cases.put("lineWithoutExplanation", b::lineWithoutExplanation);
        cases.put("fullExplanationSerialised", b::fullExplanationSerialised);
        cases.put("fullExplanationSerialisedWithoutLineEscapes", b::fullExplanationSerialisedWithoutLineEscapes);
        cases.put("compactExplanationSerialised", b::compactExplanationSerialised);
        cases.put("inputSerialised", b::inputSerialised);
        cases.put("inputSerialisedAndHashed", b::inputSerialisedAndHashed);
        cases.put("outputSerialised", b::outputSerialised);
        cases.put("entrySerialised", b::entrySerialised);
        cases.put("writeOfALine", b::writeOfALine);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, double[]> perRound = new LinkedHashMap<>();
        for (var c : cases.entrySet()) { // warm-up
            for (int i = 0; i < ops * 3; i++) {
                c.getValue().call();
            }
            perRound.put(c.getKey(), new double[rounds]);
        }
        for (int r = 0; r < rounds; r++) {
            b.emptyTheFiles();
            for (var c : cases.entrySet()) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < ops; i++) {
                    c.getValue().call();
                }
                perRound.get(c.getKey())[r] = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / ops;
            }
        }
        b.tearDown();
        for (var e : perRound.entrySet()) {
            double[] us = e.getValue().clone();
            java.util.Arrays.sort(us);
            System.out.printf("%-48s median %7.2f us CPU/op   (min %6.2f, max %6.2f over %d rounds of %d)%n",
                    e.getKey(), us[us.length / 2], us[0], us[us.length - 1], rounds, ops);
        }
    }
}
