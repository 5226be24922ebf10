package dev.mitm4j.tls.internal;

import dev.mitm4j.tls.KeyAlgorithm;
import java.security.KeyPair;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The key pairs all leaves of one CA share, one per {@link KeyAlgorithm}, each made on its first
 * use: EC P-256 (milliseconds) and RSA of the configured size (up to seconds at 2048 bits and
 * more beyond). Loading a CA therefore stays quick, and a proxy whose clients all accept ECDSA
 * never pays for an RSA key.
 *
 * <p>Thread-safe; one lock per algorithm, so that the first RSA client waiting for its key never
 * holds up the EC handshakes of others. Never a monitor (virtual threads do not pin).
 */
public final class LeafKeys {
    private final int rsaBits;
    private final Map<KeyAlgorithm, Slot> slots = new EnumMap<>(KeyAlgorithm.class);

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile @Nullable KeyPair keys;
    }

    /** Keys to make on demand; RSA keys of {@code rsaBits} bits. */
    public LeafKeys(int rsaBits) {
        this.rsaBits = rsaBits;
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            slots.put(algorithm, new Slot());
        }
    }

    /** {@return the shared key pair of {@code algorithm}, made now when it is the first call} */
    public KeyPair get(KeyAlgorithm algorithm) {
        Slot slot = slots.get(algorithm);
        KeyPair k = slot.keys;
        if (k != null) {
            return k;
        }
        slot.lock.lock();
        try {
            if (slot.keys == null) {
                slot.keys = CertificateFactory.generateKeyPair(algorithm, rsaBits);
            }
            return slot.keys;
        } finally {
            slot.lock.unlock();
        }
    }
}
