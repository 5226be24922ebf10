package dev.mitm4j.replay;

import java.nio.file.Files;
import java.nio.file.Path;

/** The mitmproxy reference files in ../shared/fixtures/mitmproxy (or -Dmitm4j.fixtures=DIR). */
final class Fixtures {
    private Fixtures() {}

    static Path path(String name) {
        String dir = System.getProperty("mitm4j.fixtures");
        Path base = dir != null ? Path.of(dir) : Path.of("/work/shared/fixtures/mitmproxy");
        if (!Files.isDirectory(base)) {
            base = Path.of("..", "..", "shared", "fixtures", "mitmproxy");
        }
        Path p = base.resolve(name);
        if (!Files.exists(p)) {
            throw new IllegalStateException("fixture missing: " + p.toAbsolutePath()
                    + " (set -Dmitm4j.fixtures=DIR)");
        }
        return p;
    }
}
