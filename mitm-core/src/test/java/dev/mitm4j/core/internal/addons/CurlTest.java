package dev.mitm4j.core.internal.addons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mitm4j.core.Options;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** map_local and block_list with curl as the client (skipped where curl is not installed). */
class CurlTest {
    @TempDir
    Path root;

    @Test
    void curlGetsMappedFilesAndNeverTheSecret() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        Path dir = Files.createDirectories(root.resolve("static"));
        Files.writeString(dir.resolve("app.js"), "mapped();");
        Files.writeString(root.resolve("secret.txt"), "SECRET");
        Options.Builder options = Options.builder().mapLocal("|example.com/static|" + dir)
                .blockList(":~d blocked.example:403");
        try (Harness h = Harness.start(options)) {
            assertEquals("200 mapped();", curl(h, "http://example.com/static/app.js"));
            assertEquals("404 ", curl(h, "http://example.com/static/../secret.txt"));
            assertEquals("404 ", curl(h, "http://example.com/static/%2e%2e/secret.txt"));
            assertEquals("403 ", curl(h, "http://blocked.example/"));
        }
    }

    /** {@return "status body" of curl's GET through the proxy, the path sent as it is} */
    private static String curl(Harness h, String url) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/curl", "-s", "--path-as-is",
                "--max-time", "20", "-x", "http://127.0.0.1:" + h.proxy.port(),
                "-w", "\\n%{http_code}", "-o", "-", url));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        int split = out.lastIndexOf('\n');
        return out.substring(split + 1) + " " + out.substring(0, split);
    }
}
