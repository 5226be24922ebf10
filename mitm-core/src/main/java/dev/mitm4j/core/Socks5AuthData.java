package dev.mitm4j.core;

import dev.mitm4j.http.ClientConnection;
import java.util.Objects;

/**
 * The argument of the {@code socks5Auth} event: a SOCKS5 client sent a username and password
 * (RFC 1929). An addon accepts the client by setting {@link #valid(boolean)} to true; the last
 * value set after every addon ran decides. {@link #valid()} starts as the verdict of the
 * {@code proxyauth} option (false when that option is unset).
 *
 * <p>mitm4j asks SOCKS5 clients for credentials when {@code proxyauth} is set or when any addon
 * overrides {@code socks5Auth}; otherwise the mode runs without authentication. Used by the
 * connection's thread only; not thread-safe.
 */
public final class Socks5AuthData {
    private final ClientConnection client;
    private final String username;
    private final String password;
    private boolean valid;

    /** Creates the event data; {@code valid} is the proxyauth verdict. */
    public Socks5AuthData(ClientConnection client, String username, String password,
            boolean valid) {
        this.client = Objects.requireNonNull(client, "client");
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        this.valid = valid;
    }

    /** {@return the client connection asking} */
    public ClientConnection client() {
        return client;
    }

    /** {@return the username the client sent} */
    public String username() {
        return username;
    }

    /** {@return the password the client sent} */
    public String password() {
        return password;
    }

    /** {@return whether the client is accepted so far} */
    public boolean valid() {
        return valid;
    }

    /** Accepts or refuses the client. */
    public void valid(boolean valid) {
        this.valid = valid;
    }

    @Override public String toString() {
        return "Socks5AuthData[" + username + ", valid=" + valid + "]";
    }
}
