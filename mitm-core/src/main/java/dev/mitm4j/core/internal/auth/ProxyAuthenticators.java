package dev.mitm4j.core.internal.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Makes the {@link ProxyAuthenticator} a {@code proxyauth} spec stands for. */
public final class ProxyAuthenticators {
    private ProxyAuthenticators() {}

    /**
     * {@return the authenticator for {@code spec}, or null when proxy authentication is off}
     *
     * <ul>
     *   <li>{@code null} or {@code ""}: off;
     *   <li>{@code any}: any username and password, but credentials must be present;
     *   <li>{@code @path}: the users of an htpasswd file (bcrypt, {@code {SHA}}, apr1 MD5);
     *   <li>{@code user:pass}: that one user (the password may contain ':').
     * </ul>
     *
     * @throws IllegalArgumentException for a malformed spec or an unreadable or invalid htpasswd
     *     file (the message names the file and the line, never a hash)
     */
    public static @Nullable ProxyAuthenticator fromSpec(@Nullable String spec) {
        if (spec == null || spec.isEmpty()) {
            return null;
        }
        if (spec.equals("any")) {
            return (username, password) -> true;
        }
        if (spec.startsWith("@")) {
            try {
                return new CachingAuthenticator(Htpasswd.load(Path.of(spec.substring(1))));
            } catch (IOException e) {
                throw new UncheckedIOException("proxyauth: cannot read htpasswd file "
                        + spec.substring(1), e);
            }
        }
        int colon = spec.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("Invalid proxyauth specification: expected "
                    + "user:pass, any or @path-to-htpasswd");
        }
        return new SingleUser(spec.substring(0, colon), spec.substring(colon + 1));
    }

    /** One fixed user; compares digests of both parts so neither length nor prefix leaks. */
    private record SingleUser(String user, String pass) implements ProxyAuthenticator {
        @Override public boolean authenticate(String username, String password) {
            boolean userOk = ConstantTime.equal(user.getBytes(StandardCharsets.UTF_8),
                    username.getBytes(StandardCharsets.UTF_8));
            boolean passOk = ConstantTime.equal(pass.getBytes(StandardCharsets.UTF_8),
                    password.getBytes(StandardCharsets.UTF_8));
            return userOk & passOk;
        }

        @Override public String toString() {
            return "SingleUser[hidden]";
        }
    }
}
