package dev.mitm4j.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Heads parsed per CPU-second of the measuring thread, for machines where other processes compete
 * for the cores and JMH's wall-clock ops/s mostly measures the competition. It runs the same
 * operation as {@link Http1ParseBenchmark#parseChromeGet()} in rounds and prints each round and
 * the best. A rough companion to JMH, not a replacement: no forks, no blackhole beyond keeping
 * the last result.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.mitm4j.benchmarks.Http1ParseCpuTime
 * [rounds] [headsPerRound]}.
 */
public final class Http1ParseCpuTime {
    private Http1ParseCpuTime() {}

    /**
     * Measures and prints.
     *
     * @param args optional round count (default 10) and heads per round (default 500000)
     * @throws IOException never, unless the parser is broken
     */
    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Http1ParseBenchmark benchmark = new Http1ParseBenchmark();
        benchmark.check();
        Object last = null;
        double best = 0;
        for (int round = 0; round < rounds; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                last = benchmark.parseChromeGet();
            }
            double perCpuSecond = perRound / ((threads.getCurrentThreadCpuTime() - cpu) / 1e9);
            double perWallSecond = perRound / ((System.nanoTime() - wall) / 1e9);
            best = Math.max(best, perCpuSecond);
            System.out.println("round " + round + ": " + Math.round(perCpuSecond)
                    + " heads per CPU-second, " + Math.round(perWallSecond) + " per wall-second");
        }
        System.out.println("best: " + Math.round(best) + " heads per CPU-second ("
                + (last != null ? "ok" : "nothing parsed") + ")");
    }
}
