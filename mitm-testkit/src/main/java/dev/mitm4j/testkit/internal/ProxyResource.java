package dev.mitm4j.testkit.internal;

import dev.mitm4j.testkit.MitmProxy;
import dev.mitm4j.testkit.RecordedFlows;
import dev.mitm4j.testkit.WithMitmProxy;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What one {@link WithMitmProxy} started, kept in JUnit's store: the proxy, the JVM-wide settings
 * when asked for, and the pinning recorder when asked for. JUnit closes it: 5.13 and later as an
 * {@link AutoCloseable} (once, without the deprecation warning), older ones as a
 * {@code CloseableResource}. Closing undoes everything in reverse order of set-up.
 */
final class ProxyResource implements AutoCloseable, ExtensionContext.Store.CloseableResource {
    final MitmProxy proxy;
    final FlowViews views;
    final @Nullable JvmWideProxy jvmWide;
    final @Nullable PinningRecorder pinning;

    private ProxyResource(MitmProxy proxy, FlowViews views, @Nullable JvmWideProxy jvmWide,
            @Nullable PinningRecorder pinning) {
        this.proxy = proxy;
        this.views = views;
        this.jvmWide = jvmWide;
        this.pinning = pinning;
    }

    /**
     * Starts what {@code spec} asks for.
     *
     * @param owner the unique id of the class or method the proxy is for
     */
    static ProxyResource start(WithMitmProxy spec, Class<?> testClass, String owner) {
        PinningRecorder pinning = spec.failOnPinning() ? PinningRecorder.start() : null;
        FlowViews views = new FlowViews(new RecordedFlows(spec.maxFlows()));
        MitmProxy proxy;
        try {
            proxy = ProxyStarter.start(spec, testClass, views);
        } catch (RuntimeException e) {
            if (pinning != null) {
                pinning.close();
            }
            throw e;
        }
        JvmWideProxy jvm = null;
        if (spec.jvmWide()) {
            try {
                jvm = JvmWideProxy.install(owner, proxy.address(), proxy.sslContext());
            } catch (RuntimeException e) {
                new ProxyResource(proxy, views, null, pinning).close();
                throw e;
            }
        }
        return new ProxyResource(proxy, views, jvm, pinning);
    }

    @Override
    public void close() {
        try {
            if (jvmWide != null) {
                jvmWide.close();
            }
        } finally {
            try {
                proxy.close();
            } finally {
                if (pinning != null) {
                    pinning.close();
                }
            }
        }
    }
}
