package dev.mitm4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The connection cap: its default, and slots taken and given back. */
class ConnectionLimitTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void defaultIsHalfTheDescriptorsLeftAfterTheReserve() {
        assertEquals((1024 - 128) / 2, ConnectionLimit.defaultFor(1024, 8192 * MIB));
        assertEquals((1_048_576 - 128) / 2, ConnectionLimit.defaultFor(1_048_576, 1L << 40));
    }

    @Test
    void smallDescriptorLimitsKeepAQuarterInReserve() {
        assertEquals((64 - 16) / 2, ConnectionLimit.defaultFor(64, 8192 * MIB));
        assertEquals(1, ConnectionLimit.defaultFor(2, 8192 * MIB));
    }

    @Test
    void smallHeapsCapTheDefault() {
        assertEquals(512, ConnectionLimit.defaultFor(1_048_576, 64 * MIB));
        assertEquals(1, ConnectionLimit.defaultFor(1_048_576, 1));
    }

    @Test
    void unknownDescriptorLimitLeavesTheHeap() {
        assertEquals(8192, ConnectionLimit.defaultFor(-1, 1024 * MIB));
    }

    @Test
    void anExplicitLimitWins() {
        assertEquals(3, ConnectionLimit.of(OptionalInt.of(3)).limit());
    }

    @Test
    void theDefaultOfThisProcessFitsItsDescriptorsAndHeap() {
        ConnectionLimit limit = ConnectionLimit.of(OptionalInt.empty());
        assertEquals(ConnectionLimit.defaultFor(ConnectionLimit.descriptorLimit(),
                Runtime.getRuntime().maxMemory()), limit.limit());
        assertTrue(ConnectionLimit.descriptorLimit() > 0, "Linux reports RLIMIT_NOFILE");
    }

    @Test
    void slotsAreRefusedAtTheLimitAndUsableAgainWhenReleased() {
        ConnectionLimit limit = ConnectionLimit.of(OptionalInt.of(2));
        assertTrue(limit.tryAcquire());
        assertTrue(limit.tryAcquire());
        assertFalse(limit.tryAcquire());
        assertFalse(limit.tryAcquire());
        assertEquals(2, limit.open());
        limit.release();
        assertTrue(limit.tryAcquire());
        assertFalse(limit.tryAcquire());
    }
}
