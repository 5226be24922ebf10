package dev.mitm4j.testkit.internal;

import dev.mitm4j.testkit.MitmProxy;
import dev.mitm4j.testkit.WithMitmProxy;
import org.jspecify.annotations.Nullable;

/**
 * What one {@link WithMitmProxy} started, kept in JUnit's store: the proxy, the JVM-wide settings
 * when asked for, and the pinning recorder when asked for. JUnit closes it (5.13+ closes
 * {@link AutoCloseable} store values); closing undoes everything in reverse order of set-up.
 */
final class ProxyResource implements AutoCloseable {
    final MitmProxy proxy;
    final @Nullable JvmWideProxy jvmWide;
    final @Nullable PinningRecorder pinning;

    private ProxyResource(MitmProxy proxy, @Nullable JvmWideProxy jvmWide,
            @Nullable PinningRecorder pinning) {
        this.proxy = proxy;
        this.jvmWide = jvmWide;
        this.pinning = pinning;
    }

    static ProxyResource start(WithMitmProxy spec, Class<?> testClass) {
        PinningRecorder pinning = spec.failOnPinning() ? PinningRecorder.start() : null;
        MitmProxy proxy;
        try {
            proxy = ProxyStarter.start(spec, testClass);
        } catch (RuntimeException e) {
            if (pinning != null) {
                pinning.close();
            }
            throw e;
        }
        JvmWideProxy jvm = null;
        if (spec.jvmWide()) {
            jvm = JvmWideProxy.install(proxy.address(), proxy.sslContext());
        }
        return new ProxyResource(proxy, jvm, pinning);
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
