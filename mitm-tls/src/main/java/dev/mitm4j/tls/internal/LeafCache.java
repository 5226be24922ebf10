package dev.mitm4j.tls.internal;

import dev.mitm4j.tls.CertificateSpec;
import dev.mitm4j.tls.CertifiedKey;
import dev.mitm4j.tls.KeyAlgorithm;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * A bounded least-recently-used cache of generated leaves, keyed by {@link CertificateSpec} and
 * the leaf's {@link KeyAlgorithm}: one host may have an EC leaf for most clients and an RSA leaf
 * for those that accept no ECDSA, both cached side by side.
 *
 * <p>Thread-safe and friendly to virtual threads: a {@link ReentrantLock} guards only the map, and
 * certificates are made outside the lock, so a slow signature never blocks lookups of other
 * hosts. Two threads asking for the same new leaf at once may both sign; the first one stored
 * wins and both get it.
 */
public final class LeafCache {
    private record Key(CertificateSpec spec, KeyAlgorithm algorithm) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Key, CertifiedKey> map;

    /** A cache of at most {@code capacity} leaves (mitmproxy keeps 100). */
    public LeafCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity < 1: " + capacity);
        }
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, CertifiedKey> eldest) {
                return size() > capacity;
            }
        };
    }

    /** {@return the cached leaf for {@code spec} and {@code algorithm}, made when missing} */
    public CertifiedKey get(CertificateSpec spec, KeyAlgorithm algorithm,
            BiFunction<CertificateSpec, KeyAlgorithm, CertifiedKey> make) {
        Key key = new Key(spec, algorithm);
        CertifiedKey hit = peek(key);
        if (hit != null) {
            return hit;
        }
        CertifiedKey made = make.apply(spec, algorithm);
        lock.lock();
        try {
            CertifiedKey raced = map.putIfAbsent(key, made);
            return raced != null ? raced : made;
        } finally {
            lock.unlock();
        }
    }

    private @Nullable CertifiedKey peek(Key key) {
        lock.lock();
        try {
            return map.get(key);
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
