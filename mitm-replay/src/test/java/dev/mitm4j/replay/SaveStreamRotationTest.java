package dev.mitm4j.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mitm4j.core.Options;
import dev.mitm4j.replay.internal.Strftime;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** save_stream_file with strftime directives: expanded per flow, a new file when it changes. */
class SaveStreamRotationTest {
    @TempDir
    Path dir;

    @Test
    void aDatedPathRotatesWhenTheDateChangesAndCreatesDirectories() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T23:59:00Z"));
        SaveStream save = new SaveStream(0, clock);
        save.configure(Options.builder().set("save_stream_file",
                dir + "/%Y/flows-%Y-%m-%d.mitm").build());
        save.response(TestFlows.http(1));
        save.response(TestFlows.http(2));
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        save.response(TestFlows.http(3));
        clock.now = Instant.parse("2027-01-01T10:00:00Z");
        save.response(TestFlows.http(4));
        save.done();
        assertEquals(2, FlowReader.readAll(dir.resolve("2026/flows-2026-11-23.mitm")).size());
        assertEquals(1, FlowReader.readAll(dir.resolve("2026/flows-2026-11-24.mitm")).size());
        assertEquals("comment 4", FlowReader.readAll(dir.resolve("2027/flows-2027-01-01.mitm"))
                .get(0).comment());
    }

    @Test
    void strftimeDirectivesAsPython() {
        ZonedDateTime t = ZonedDateTime.of(2026, 1, 4, 15, 7, 9, 123_456_000,
                ZoneOffset.ofHours(2));
        assertEquals("2026-01-04 15:07:09 03PM 004 26 Sun Sunday Jan January",
                Strftime.format("%Y-%m-%d %H:%M:%S %I%p %j %y %a %A %b %B", t));
        assertEquals("123456 +0200 % %q 0 01 00 7 2026-01-04 15:07:09",
                Strftime.format("%f %z %% %q %w %U %W %u %F %T", t));
        assertEquals("~x%", Strftime.format("~x%", t));
    }

    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
