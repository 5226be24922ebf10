package dev.mitm4j.core.internal.tls;

import java.nio.file.Path;

/** Path options as mitmproxy reads them: a leading {@code ~} is the user's home. */
final class Paths {
    private Paths() {}

    static Path expand(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + path.substring(1));
        }
        return Path.of(path);
    }
}
