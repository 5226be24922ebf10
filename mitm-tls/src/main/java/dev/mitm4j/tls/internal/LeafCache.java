package dev.mitm4j.tls.internal;

import dev.mitm4j.tls.CertificateSpec;
import dev.mitm4j.tls.CertifiedKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A bounded least-recently-used cache of generated leaves, keyed by {@link CertificateSpec}.
 *
 * <p>Thread-safe and friendly to virtual threads: a {@link ReentrantLock} guards only the map, and
 * certificates are made outside the lock, so a slow signature never blocks lookups of other
 * hosts. Two threads asking for the same new spec at once may both sign; the first one stored
 * wins and both get it.
 */
public final class LeafCache {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<CertificateSpec, CertifiedKey> map;

    /** A cache of at most {@code capacity} leaves (mitmproxy keeps 100). */
    public LeafCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity < 1: " + capacity);
        }
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<CertificateSpec, CertifiedKey> eldest) {
                return size() > capacity;
            }
        };
    }

    /** {@return the cached leaf for {@code spec}, made by {@code make} when missing} */
    public CertifiedKey get(CertificateSpec spec, Function<CertificateSpec, CertifiedKey> make) {
        CertifiedKey hit = peek(spec);
        if (hit != null) {
            return hit;
        }
        CertifiedKey made = make.apply(spec);
        lock.lock();
        try {
            CertifiedKey raced = map.putIfAbsent(spec, made);
            return raced != null ? raced : made;
        } finally {
            lock.unlock();
        }
    }

    /** {@return the cached leaf, or null} */
    public @Nullable CertifiedKey peek(CertificateSpec spec) {
        lock.lock();
        try {
            return map.get(spec);
        } finally {
            lock.unlock();
        }
    }

    /** {@return how many leaves are cached} */
    public int size() {
        lock.lock();
        try {
            return map.size();
        } finally {
            lock.unlock();
        }
    }
}
