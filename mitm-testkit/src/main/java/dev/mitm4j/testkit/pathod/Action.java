package dev.mitm4j.testkit.pathod;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** What happens to the bytes of a message at an {@link Offset}. Immutable. */
public sealed interface Action {

    /** {@return where the action happens} */
    Offset offset();

    /** {@return the order among actions at the same offset: inject, pause, disconnect} */
    int rank();

    /** {@code p OFFSET,SECONDS}: pause; {@code duration} null means forever ({@code f}). */
    record Pause(Offset offset, @Nullable Duration duration) implements Action {
        @Override
        public int rank() {
            return 1;
        }

        @Override
        public String toString() {
            return "p" + offset + "," + (duration == null ? "f" : duration.toSeconds());
        }
    }

    /** {@code i OFFSET,VALUE}: insert {@code value} before the byte at {@code offset}. */
    record Inject(Offset offset, Value value) implements Action {
        @Override
        public int rank() {
            return 0;
        }

        @Override
        public String toString() {
            return "i" + offset + "," + value;
        }
    }

    /** {@code d OFFSET}: close the connection after {@code offset} bytes. */
    record Disconnect(Offset offset) implements Action {
        @Override
        public int rank() {
            return 2;
        }

        @Override
        public String toString() {
            return "d" + offset;
        }
    }
}
