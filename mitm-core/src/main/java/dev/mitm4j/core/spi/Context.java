package dev.mitm4j.core.spi;

import dev.mitm4j.http.ClientConnection;
import java.util.Objects;
import okio.BufferedSink;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Layer} knows about its connection: a chain of immutable attribute sets, each layer
 * adding its own on top of its parent's (a CONNECT adds the destination, a TLS layer replaces the
 * client streams with decrypted ones).
 *
 * <p>{@link #get(Key)} looks a key up in this context and then in its parents, so a layer reads
 * whatever any layer below it set. Contexts are immutable and may be read from any thread.
 */
public interface Context {

    /** The bytes from the client (peek with {@link BufferedSource#peek()} before consuming). */
    Key<BufferedSource> CLIENT_SOURCE = Key.of("clientSource", BufferedSource.class);
    /** The bytes to the client. */
    Key<BufferedSink> CLIENT_SINK = Key.of("clientSink", BufferedSink.class);
    /** Where the client wants to go (set by CONNECT, SOCKS5, reverse mode, ...). */
    Key<Destination> DESTINATION = Key.of("destination", Destination.class);
    /**
     * A connection to {@link #DESTINATION} already open (a CONNECT or an eager SOCKS5 handshake
     * made it), handed to the next layer, which then owns it: it uses it for its first server
     * connection or closes it. Only a connection from {@link RootContext#connect} of the same
     * client connection may be put here.
     */
    Key<UpstreamConnection> UPSTREAM = Key.of("upstream", UpstreamConnection.class);

    /** {@return the parent context, or null for the root} */
    @Nullable Context parent();

    /** {@return the root of this chain} */
    RootContext root();

    /** {@return the value of {@code key} here or in the nearest parent that has it, or null} */
    <T> @Nullable T get(Key<T> key);

    /**
     * {@return the value of {@code key}}
     *
     * @throws IllegalStateException naming the key when no context of the chain has it
     */
    default <T> T require(Key<T> key) {
        T value = get(key);
        if (value == null) {
            throw new IllegalStateException("context has no " + key.name());
        }
        return value;
    }

    /** {@return a child of this context with {@code key} set to {@code value}} */
    <T> Context with(Key<T> key, T value);

    /** {@return the client connection (from the root)} */
    default ClientConnection client() {
        return root().client();
    }

    /** {@return the current bytes from the client} */
    default BufferedSource clientSource() {
        return require(CLIENT_SOURCE);
    }

    /** {@return the current bytes to the client} */
    default BufferedSink clientSink() {
        return require(CLIENT_SINK);
    }

    /**
     * A typed attribute name; keys compare by identity, so declare each once as a constant.
     *
     * @param <T> the value type
     */
    final class Key<T> {
        private final String name;
        private final Class<T> type;

        private Key(String name, Class<T> type) {
            this.name = Objects.requireNonNull(name, "name");
            this.type = Objects.requireNonNull(type, "type");
        }

        /** {@return a new key} */
        public static <T> Key<T> of(String name, Class<T> type) {
            return new Key<>(name, type);
        }

        /** {@return the name used in messages} */
        public String name() {
            return name;
        }

        /** {@return the value type} */
        public Class<T> type() {
            return type;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
