package dev.mitm4j.core.internal.server;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Runs tasks one at a time, in the order given, each through another executor (the
 * {@code SerialExecutor} of {@link Executor}'s Javadoc): a task is handed on when the one before
 * it returned. Thread-safe.
 */
final class SerialExecutor implements Executor {
    private final Executor executor;
    private final ReentrantLock lock = new ReentrantLock();
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private @Nullable Runnable active;

    SerialExecutor(Executor executor) {
        this.executor = executor;
    }

    @Override
    public void execute(Runnable task) {
        lock.lock();
        try {
            tasks.add(() -> {
                try {
                    task.run();
                } finally {
                    next();
                }
            });
            if (active == null) {
                next();
            }
        } finally {
            lock.unlock();
        }
    }

    private void next() {
        lock.lock();
        try {
            active = tasks.poll();
            if (active != null) {
                executor.execute(active);
            }
        } finally {
            lock.unlock();
        }
    }
}
