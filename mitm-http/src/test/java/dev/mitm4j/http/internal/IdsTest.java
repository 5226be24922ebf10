package dev.mitm4j.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void idsAreVersionFourUuidsWithTheIetfVariant() {
        for (int i = 0; i < 1000; i++) {
            UUID uuid = UUID.fromString(Ids.randomUuid());
            assertEquals(4, uuid.version());
            assertEquals(2, uuid.variant());
        }
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            seen.add(Ids.randomUuid());
        }
        assertEquals(100_000, seen.size());
    }
}
