package org.consultationtracker.query.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls until an assertion holds: the processors apply events asynchronously. */
public final class Eventually {

    private Eventually() {
    }

    public static void eventually(Runnable assertion) {
        eventually(Duration.ofSeconds(20), assertion);
    }

    public static void eventually(Duration timeout, Runnable assertion) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public static <T> T awaitValue(Supplier<T> supplier) {
        Object[] holder = new Object[1];
        Runnable capture = () -> holder[0] = supplier.get();
        eventually(capture);
        @SuppressWarnings("unchecked")
        T value = (T) holder[0];
        return value;
    }
}
