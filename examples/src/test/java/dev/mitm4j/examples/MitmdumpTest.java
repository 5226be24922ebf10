package dev.mitm4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.Options;
import dev.mitm4j.tls.CertificateAuthority;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mitmdump CLI in-process: real proxy, real loopback traffic, printed lines asserted. */
class MitmdumpTest {
    @Test void printsEachFlowAsMitmdumpDoes() throws Exception {
        try (Backend backend = new Backend(); Cli cli = Cli.start("-p", "0")) {
            assertEquals("hello", get(cli, backend.url("/hello")).body());
            String out = cli.awaitOut(o -> o.contains("<<"));
            String client = "127.0.0.1:\\d+";
            assertTrue(Pattern.matches(client + ": GET " + Pattern.quote(backend.url("/hello"))
                    + "\n {13,15}<< 200 OK 5b\n", out), out);
            int addressLength = out.indexOf(": GET");
            assertEquals(addressLength - 2, out.indexOf("<<", out.indexOf('\n')) - 1
                    - out.indexOf('\n') - 1, "the arrows align under the method");
            assertTrue(cli.err().contains("HTTP(S) proxy listening at 127.0.0.1:" + cli.port()
                    + "."), cli.err());
        }
    }

    @Test void theCertificateAuthorityExistsOnceTheProxyListens(@TempDir Path confdir)
            throws Exception {
        try (Cli cli = Cli.start("-q", "-p", "0", "--set", "confdir=" + confdir)) {
            assertTrue(Files.isRegularFile(confdir.resolve("mitmproxy-ca-cert.pem")),
                    "mitmproxy-ca-cert.pem can be installed before the first HTTPS request");
            assertTrue(Files.isRegularFile(confdir.resolve("mitmproxy-ca.pem")));
            assertEquals(cli.proxy().master().servers().get(0).certificateAuthority().certificate(),
                    CertificateAuthority.builder().confdir(confdir).build().certificate(),
                    "the proxy signs with the CA written to confdir");
        }
    }

    @Test void anUnusableCertificateAuthorityStopsTheProxyNamingTheFile(@TempDir Path confdir)
            throws Exception {
        Files.writeString(confdir.resolve("mitmproxy-ca.pem"), "not a PEM file\n");
        Cli cli = new Cli();
        int status = cli.run("-q", "-p", "0", "--set", "confdir=" + confdir);
        assertEquals(1, status, cli.err());
        assertTrue(cli.err().contains("mitmproxy-ca.pem"), cli.err());
    }

    @Test void flowDetail2AddsHeaders() throws Exception {
        try (Backend backend = new Backend(); Cli cli = Cli.start("-p", "0", "--flow-detail",
                "2")) {
            get(cli, backend.url("/h"));
            String out = cli.awaitOut(o -> o.contains("Content-type") || o.contains("Content-Type"));
            assertTrue(out.contains("\n    Host: 127.0.0.1:" + backend.port() + "\n"), out);
            assertTrue(out.contains("\n << 200 OK 5b\n"), out);
            assertTrue(out.toLowerCase().contains("\n    content-type: text/plain\n"), out);
        }
    }

    @Test void quietPrintsNoFlows() throws Exception {
        try (Backend backend = new Backend(); Cli cli = Cli.start("-q", "-p", "0")) {
            assertEquals(200, get(cli, backend.url("/q")).statusCode());
            assertEquals("", cli.out());
        }
    }

    @Test void positionalFilterSelectsFlows() throws Exception {
        try (Backend backend = new Backend(); Cli cli = Cli.start("-p", "0", "~u", "yes")) {
            get(cli, backend.url("/no"));
            get(cli, backend.url("/yes"));
            String out = cli.awaitOut(o -> o.contains("/yes"));
            assertTrue(out.contains("GET " + backend.url("/yes")), out);
            assertFalse(out.contains("/no"), out);
        }
    }

    @Test void dumperFilterOptionSelectsFlowsToo() throws Exception {
        try (Backend backend = new Backend(); Cli cli = Cli.start("-p", "0", "--set",
                "dumper_filter=~u yes")) {
            get(cli, backend.url("/no"));
            get(cli, backend.url("/yes"));
            String out = cli.awaitOut(o -> o.contains("/yes"));
            assertTrue(out.contains("GET " + backend.url("/yes")), out);
            assertFalse(out.contains("/no"), out);
        }
    }

    @Test void severalModesRunSideBySide() throws Exception {
        try (Backend backend = new Backend(); Cli cli = Cli.start("-m", "regular@0", "-m",
                "reverse:" + backend.url("") + "@0", "-q")) {
            List<InetSocketAddress> addresses = cli.proxy().addresses();
            assertEquals(2, addresses.size());
            HttpResponse<String> reversed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + addresses.get(1).getPort() + "/r")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("hello", reversed.body());
            assertTrue(cli.err().contains("Reverse proxy to http://127.0.0.1:" + backend.port()),
                    cli.err());
        }
    }

    @Test void proxyauthWithCurl() throws Exception {
        try (Backend backend = new Backend(); Cli cli = Cli.start("-p", "0", "--proxyauth",
                "user:pass")) {
            String proxy = "http://127.0.0.1:" + cli.port();
            assertEquals("hello", Curl.run("-s", "--noproxy", "", "-x", proxy, "--proxy-user",
                    "user:pass", backend.url("/a")));
            assertEquals("407", Curl.run("-s", "-o", "/dev/null", "-w", "%{http_code}",
                    "--noproxy", "", "-x", proxy, backend.url("/b")));
            assertFalse(backend.requests().get(0).containsKey("Proxy-authorization"));
            assertEquals(1, backend.requests().size());
        }
    }

    @Test void socks5WithCurl() throws Exception {
        try (Backend backend = new Backend(); Cli cli = Cli.start("-m", "socks5", "-p", "0")) {
            assertEquals("hello", Curl.run("-s", "--socks5-hostname", "127.0.0.1:" + cli.port(),
                    "http://localhost:" + backend.port() + "/s"));
            String out = cli.awaitOut(o -> o.contains("<<"));
            assertTrue(out.contains(": GET http://localhost:" + backend.port() + "/s\n"), out);
            assertTrue(cli.err().contains("SOCKS v5 proxy listening at"), cli.err());
        }
    }

    @Test void badArgumentsExitWith2AndAMessage() {
        assertUsageError("unrecognized argument: --bogus", "--bogus");
        assertUsageError("Invalid value \"abc\" for option listen_port: not an integer; "
                + "expected an integer, or empty for none", "-p", "abc");
        assertUsageError("Invalid value \"3x\" for option stream_large_bodies", "--set",
                "stream_large_bodies=3x");
        assertUsageError("Unknown option \"anticahe\"; did you mean anticache?", "--set",
                "anticahe=true");
        assertUsageError("invalid filter expression", "-p", "0", "~nosuchoperator");
        assertUsageError("mode transparent is not supported", "-m", "transparent", "-p", "0");
    }

    @Test void optionsListsEveryOptionAndVersionPrints() {
        Cli cli = new Cli();
        assertEquals(0, cli.run("--options"));
        for (String name : Options.names()) {
            assertTrue(cli.out().contains("\n" + name + ":") || cli.out().startsWith(name + ":"),
                    name);
        }
        assertTrue(cli.out().contains("listen_host: 127.0.0.1\n"), cli.out());
        assertTrue(cli.out().contains("# Byte size limit of HTTP request and response bodies."),
                cli.out());
        Cli version = new Cli();
        assertEquals(0, version.run("--version"));
        assertTrue(version.out().startsWith("mitm4j: "), version.out());
    }

    private static void assertUsageError(String expected, String... args) {
        Cli cli = new Cli();
        assertEquals(Mitmdump.USAGE, cli.run(args), String.join(" ", args));
        assertTrue(cli.err().contains("mitmdump: error: " + expected), cli.err());
        cli.close();
    }

    private static HttpResponse<String> get(Cli cli, String url) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", cli.port())))
                .version(HttpClient.Version.HTTP_1_1).build();
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
