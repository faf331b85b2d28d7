package org.wikifarm.mcp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import reactor.core.scheduler.Schedulers;

/**
 * Stops every thread the MCP SDK's Reactor starts, so an undeploy or a shutdown leaves none behind. Reactor's shared
 * schedulers stop with {@link Schedulers#shutdownNow()}, but the SDK's session sweeper runs on a scheduler of its own
 * ({@code Schedulers.newSingle}, a non-daemon thread) that disposing the sweep never stops. Reactor lets a decorator
 * see every executor its schedulers create; this one only remembers them, to shut them down at the end. Reactor is in
 * the web application's own {@code WEB-INF/lib}, so the decorator is this deployment's alone.
 */
final class ReactorThreads implements AutoCloseable {
    private static final String KEY = ReactorThreads.class.getName();

    private final Set<ScheduledExecutorService> executors = ConcurrentHashMap.newKeySet();

    ReactorThreads() {
        Schedulers.setExecutorServiceDecorator(KEY, (scheduler, executor) -> {
            executors.add(executor);
            return executor;
        });
    }

    @Override
    public void close() {
        Schedulers.removeExecutorServiceDecorator(KEY);
        Schedulers.shutdownNow();
        executors.forEach(ScheduledExecutorService::shutdownNow);
        for (ScheduledExecutorService executor : executors) {
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        executors.clear();
    }
}
