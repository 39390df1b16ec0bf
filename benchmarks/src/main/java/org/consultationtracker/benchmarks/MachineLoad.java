package org.consultationtracker.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * How much of the machine other processes used while something was measured: busy CPU time of the whole machine
 * (from /proc/stat) minus this JVM's CPU time, as a share of all cores over the wall time. The benchmark shares its
 * machine, so this tells the reader how disturbed a figure may be. NaN where /proc/stat is unavailable.
 */
final class MachineLoad {

    private static final long NANOS_PER_JIFFY = 10_000_000L; // USER_HZ is 100 on Linux

    private final long wallNanos;
    private final long machineBusyNanos;
    private final long processCpuNanos;

    private MachineLoad(long wallNanos, long machineBusyNanos, long processCpuNanos) {
        this.wallNanos = wallNanos;
        this.machineBusyNanos = machineBusyNanos;
        this.processCpuNanos = processCpuNanos;
    }

    static MachineLoad now() {
        return new MachineLoad(System.nanoTime(), machineBusyNanos(), processCpuNanos());
    }

    /** Share (0..1) of all cores used by other processes between {@code this} and {@code later}. */
    double otherProcessesShare(MachineLoad later) {
        if (machineBusyNanos < 0 || later.machineBusyNanos < 0 || processCpuNanos < 0) {
            return Double.NaN;
        }
        double wall = (later.wallNanos - wallNanos) * (double) Runtime.getRuntime().availableProcessors();
        double others = (later.machineBusyNanos - machineBusyNanos) - (later.processCpuNanos - processCpuNanos);
        return wall <= 0 ? Double.NaN : Math.max(0, Math.min(1, others / wall));
    }

    /** Busy CPU time of the whole machine so far (all cores, from /proc/stat), -1 when unknown. */
    static long machineBusyNanos() {
        try {
            String cpu = Files.readAllLines(Paths.get("/proc/stat")).get(0);
            String[] fields = cpu.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy * NANOS_PER_JIFFY;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU time used by this JVM so far (client, embedded server and GC together), -1 when unknown. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
