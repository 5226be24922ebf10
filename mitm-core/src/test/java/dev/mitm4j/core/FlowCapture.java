package dev.mitm4j.core;

import dev.mitm4j.http.HttpFlow;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Keeps every HTTP flow that ended (response or error), in the order they ended. */
final class FlowCapture implements Addon {
    private final LinkedBlockingQueue<HttpFlow> ended = new LinkedBlockingQueue<>();
    private final List<HttpFlow> all = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstRequest = new CountDownLatch(1);

    @Override
    public void request(HttpFlow flow) {
        firstRequest.countDown();
    }

    @Override
    public void response(HttpFlow flow) {
        end(flow);
    }

    @Override
    public void error(HttpFlow flow) {
        end(flow);
    }

    private void end(HttpFlow flow) {
        all.add(flow);
        ended.add(flow);
    }

    /** {@return the next flow to end, waiting up to 20 s} */
    HttpFlow await() throws InterruptedException {
        HttpFlow flow = ended.poll(20, TimeUnit.SECONDS);
        if (flow == null) {
            throw new AssertionError("no flow ended within 20 s");
        }
        return flow;
    }

    /** Waits up to 20 s until some flow's request event (its request body was read). */
    void awaitRequest() throws InterruptedException {
        if (!firstRequest.await(20, TimeUnit.SECONDS)) {
            throw new AssertionError("no request event within 20 s");
        }
    }

    /** {@return the flows that ended so far} */
    List<HttpFlow> all() {
        return List.copyOf(all);
    }
}
