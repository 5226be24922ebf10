package dev.mitm4j.http.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers for flows and connections: random version-4 UUIDs, as mitmproxy's, drawn from
 * {@link ThreadLocalRandom} rather than {@link UUID#randomUUID()}.
 *
 * <p>Flow and connection ids name things; they are not secrets. {@code UUID.randomUUID()} draws
 * from a shared {@code SecureRandom} behind one lock, which every connection and every request
 * would contend for. 122 random bits from a per-thread generator keep ids unique in practice at a
 * fraction of the cost.
 */
public final class Ids {
    private Ids() {}

    /** {@return a new random version-4 UUID string, e.g. "0d6c2f9e-…"} */
    public static String randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;                       // version 4
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // IETF variant
        return new UUID(msb, lsb).toString();
    }
}
