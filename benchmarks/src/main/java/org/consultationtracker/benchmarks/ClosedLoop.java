package org.consultationtracker.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code clients} threads, each doing one operation after the other for a fixed time (a closed loop: a client waits
 * for its answer before asking again), counting successes, latencies and failures by kind. What an operation is (an
 * HTTP request, a driver call) is the caller's: it returns null on success or a short failure label.
 */
final class ClosedLoop {

    /** One operation of one client; {@code i} counts that client's calls. */
    interface Operation {
        String call(int client, long i) throws Exception;
    }

    /** The outcome of one run. */
    record Result(int clients, long succeeded, double seconds, double p50Millis, double p99Millis,
                  Map<String, Long> failures, double otherCpuShare, double servicesCpuShare) {

        double perSecond() {
            return succeeded / seconds;
        }

        String failureText() {
            return failures.isEmpty() ? "" : failures.toString();
        }
    }

    private ClosedLoop() {
    }

    /**
     * @param services the processes whose CPU is not "other" (store and services): their share is reported apart
     */
    static Result run(int clients, double seconds, Operation operation, List<ServiceProcesses.Child> services)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong succeeded = new AtomicLong();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        List<List<Double>> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<Double> mine = new ArrayList<>();
            latencies.add(mine);
            int client = c;
            threads.add(new Thread(() -> {
                for (long i = 0; !stop.get(); i++) {
                    long start = System.nanoTime();
                    String failure;
                    try {
                        failure = operation.call(client, i);
                    } catch (Exception e) {
                        failure = e.getClass().getSimpleName();
                    }
                    if (stop.get()) {
                        break; // finished after the end: not counted
                    }
                    if (failure == null) {
                        succeeded.incrementAndGet();
                        mine.add((System.nanoTime() - start) / 1e6);
                    } else {
                        failures.merge(failure, 1L, Long::sum);
                    }
                }
            }, "closed-loop-" + c));
        }
        MachineLoad before = MachineLoad.now();
        long servicesBefore = cpu(services);
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        double took = (System.nanoTime() - start) / 1e9;
        MachineLoad after = MachineLoad.now();
        long servicesNanos = cpu(services) - servicesBefore;
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        List<Double> all = new ArrayList<>();
        latencies.forEach(all::addAll);
        double cores = Runtime.getRuntime().availableProcessors();
        double servicesShare = servicesNanos / (took * 1e9 * cores);
        // MachineLoad counts everything but this JVM; the store and the services are ours too.
        double other = Math.max(0, before.otherProcessesShare(after) - servicesShare);
        return new Result(clients, succeeded.get(), took, Stats.percentile(all, 50), Stats.percentile(all, 99),
                          new TreeMap<>(failures), other, servicesShare);
    }

    private static long cpu(List<ServiceProcesses.Child> services) {
        long total = 0;
        for (ServiceProcesses.Child child : services) {
            total += Math.max(0, child.cpuNanos());
        }
        return total;
    }
}
