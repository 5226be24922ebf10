package dev.mitm4j.http.internal.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket behind the flood limits, on a clock the test moves. */
class RateBudgetTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateBudget budget = new RateBudget(10, Duration.ofSeconds(30), now::get);

    private int takeAll() {
        int n = 0;
        while (budget.take()) {
            n++;
        }
        return n;
    }

    @Test
    void aBurstUpToTheLimitIsAllowedAndTheNextEventIsNot() {
        assertEquals(10, takeAll());
    }

    @Test
    void aSpentBudgetRefillsEvenlyOverTheWindow() {
        takeAll();
        now.addAndGet(Duration.ofSeconds(15).toNanos());
        assertEquals(5, takeAll());
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        assertEquals(1, takeAll());
    }

    @Test
    void anIdleBudgetNeverHoldsMoreThanTheLimit() {
        now.addAndGet(Duration.ofHours(1).toNanos());
        assertEquals(10, takeAll());
    }
}
