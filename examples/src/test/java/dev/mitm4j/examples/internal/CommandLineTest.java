package dev.mitm4j.examples.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    @Test void flagsSetTheirOptions() throws UsageException {
        Invocation inv = CommandLine.parse("--listen-host", "0.0.0.0", "-p", "8081",
                "--flow-detail=3", "--ignore-hosts", "a", "--ignore-hosts=b", "--tcp-hosts", "t",
                "--allow-hosts", "x", "--proxyauth", "u:p", "--upstream-auth", "v:q",
                "--anticache", "--anticomp", "--showhost");
        Options o = inv.options();
        assertEquals(Invocation.Action.RUN, inv.action());
        assertEquals("0.0.0.0", o.listenHost());
        assertEquals(8081, o.listenPort());
        assertEquals(3, o.flowDetail());
        assertEquals(List.of("a", "b"), o.ignoreHosts());
        assertEquals(List.of("t"), o.tcpHosts());
        assertEquals(List.of("x"), o.allowHosts());
        assertEquals("u:p", o.proxyauth());
        assertEquals("v:q", o.upstreamAuth());
        assertTrue(o.anticache() && o.anticomp() && o.showhost());
        assertNull(inv.filter());
    }

    @Test void modesReplaceTheDefaultAndRepeat() throws UsageException {
        Options o = CommandLine.parse("-m", "socks5", "--mode=reverse:http://localhost:3000@8082",
                "--set", "mode=upstream:http://p:3128").options();
        assertEquals(List.of(ProxyMode.parse("socks5"),
                ProxyMode.parse("reverse:http://localhost:3000@8082"),
                ProxyMode.parse("upstream:http://p:3128")), o.mode());
        assertEquals(List.of(ProxyMode.parse("regular")), CommandLine.parse().options().mode());
    }

    @Test void setTakesEveryOptionAndShortFlagsTakeGluedValues() throws UsageException {
        Options o = CommandLine.parse("--set", "stream_large_bodies=3m", "--set",
                "block_global=false", "--set", "ssl_insecure", "-p8090", "-q").options();
        assertEquals(3 << 20, o.streamLargeBodies());
        assertEquals(false, o.blockGlobal());
        assertEquals(true, o.sslInsecure());
        assertEquals(8090, o.listenPort());
        assertEquals(0, o.flowDetail());
        assertEquals("error", o.termlogVerbosity());
        assertEquals("debug", CommandLine.parse("-v").options().termlogVerbosity());
        assertEquals(false, CommandLine.parse("--no-anticache", "--no-anticache").options()
                .anticache());
    }

    /** argparse's clusters: flags without a value combine; one with a value ends the cluster. */
    @Test void shortFlagsCombineAsInMitmdump() throws UsageException {
        Options nr = CommandLine.parse("-nr", "in.mitm").options();
        assertFalse(nr.server());
        assertEquals("in.mitm", nr.rfile());
        assertEquals("in.mitm", CommandLine.parse("-nrin.mitm").options().rfile());
        Options qnk = CommandLine.parse("-qnk").options();
        assertTrue(!qnk.server() && qnk.sslInsecure());
        assertEquals(0, qnk.flowDetail());
        assertEquals(8081, CommandLine.parse("-qp8081").options().listenPort());
        assertEquals(8081, CommandLine.parse("-p=8081").options().listenPort());
        assertEquals(List.of("|a|b|c"), CommandLine.parse("-qM", "|a|b|c").options().mapRemote());
        Invocation rn = CommandLine.parse("-rn", "FILE");
        assertEquals("n", rn.options().rfile(), "as argparse: -r takes the rest of the cluster");
        assertEquals("FILE", rn.filter());
        assertEquals(Invocation.Action.HELP, CommandLine.parse("-qh").action());
    }

    /** mitmdump applies -q, then -v, after every other flag: they win, and -v does not count. */
    @Test void quietAndVerboseAsMitmdumpAppliesThem() throws UsageException {
        for (String[] args : List.of(new String[] {"-v"}, new String[] {"-vvv"},
                new String[] {"-v", "-v"}, new String[] {"-qv"}, new String[] {"-v", "-q"},
                new String[] {"--flow-detail", "4", "--verbose"})) {
            Options o = CommandLine.parse(args).options();
            assertEquals("debug", o.termlogVerbosity(), List.of(args).toString());
            assertEquals(2, o.flowDetail(), List.of(args).toString());
        }
        for (String[] args : List.of(new String[] {"-q"}, new String[] {"-qq"},
                new String[] {"-q", "--flow-detail", "3", "--set", "termlog_verbosity=info"})) {
            Options o = CommandLine.parse(args).options();
            assertEquals("error", o.termlogVerbosity(), List.of(args).toString());
            assertEquals(0, o.flowDetail(), List.of(args).toString());
        }
        Options plain = CommandLine.parse("--flow-detail", "3").options();
        assertEquals("info", plain.termlogVerbosity());
        assertEquals(3, plain.flowDetail());
    }

    @Test void badCombinationsNameTheFlag() {
        assertEquals("unrecognized flag -x in -nx", message("-nx"));
        assertEquals("unrecognized flag -X in -qXn", message("-qXn"));
        assertEquals("flag -p expects a value", message("-qp"));
        assertEquals("flag -r expects a value", message("-nr"));
        assertTrue(message("-qp8081q").startsWith("Invalid value \"8081q\" for option listen_port"),
                message("-qp8081q"));
        assertTrue(message("-ns", "x.py").contains("-s (scripts) is not supported"));
        assertEquals("flag --server not allowed with -n (server cannot be both true and false)",
                message("-n", "--server"));
        assertEquals("flag --no-ssl-insecure not allowed with -k (ssl_insecure cannot be both "
                + "true and false)", message("-qk", "--no-ssl-insecure"));
        assertEquals("flag --no-anticache not allowed with --anticache (anticache cannot be "
                + "both true and false)", message("--anticache", "--no-anticache"));
    }

    @Test void tlsAndProxyFlagsOfMitmdump() throws UsageException {
        Options o = CommandLine.parse("-k", "--certs", "*.example.com=/tmp/c.pem", "--certs",
                "/tmp/d.pem", "--cert-passphrase", "pw", "--key-size", "4096", "--rawtcp",
                "--no-http2", "--no-store-streamed-bodies").options();
        assertTrue(o.sslInsecure());
        assertEquals(List.of("*.example.com=/tmp/c.pem", "/tmp/d.pem"), o.certs());
        assertEquals("pw", o.certPassphrase());
        assertEquals(4096, o.keySize());
        assertTrue(o.rawtcp());
        assertEquals(false, o.http2());
        assertFalse(o.storeStreamedBodies());
        assertTrue(CommandLine.parse("--ssl-insecure").options().sslInsecure());
    }

    /** Flags of features mitm4j lacks take their default only; another value is an error. */
    @Test void flagsOfUnsupportedFeaturesRefuseOtherValues() {
        for (String flag : List.of("--no-rawtcp", "--store-streamed-bodies")) {
            UsageException e = assertThrows(UsageException.class, () -> CommandLine.parse(flag));
            assertTrue(e.getMessage().contains("is not supported by mitm4j"), e.getMessage());
        }
    }

    @Test void trafficFeatureFlagsOfMitmdump() throws UsageException {
        Options o = CommandLine.parse("--map-remote", "|~m GET|//example.org/|//127.0.0.1/",
                "--map-local", "|example.com/static|/tmp", "-B", "/~q/foo/bar",
                "--modify-body=:~s:a:b", "-H", "/~q/Host/example.org", "-H/~s/X-A/1",
                "--modify-headers", "/~q & !~h Host:/Host/example.org", "--stickycookie", "~d a",
                "--stickyauth", "~q", "--intercept", "~u /x", "--set", "block_list=:~d b:444",
                "--set", "block_list=/~d c/404", "--anticache", "--anticomp").options();
        assertEquals(List.of("|~m GET|//example.org/|//127.0.0.1/"), o.mapRemote());
        assertEquals(List.of("|example.com/static|/tmp"), o.mapLocal());
        assertEquals(List.of("/~q/foo/bar", ":~s:a:b"), o.modifyBody());
        assertEquals(List.of("/~q/Host/example.org", "/~s/X-A/1",
                "/~q & !~h Host:/Host/example.org"), o.modifyHeaders());
        assertEquals("~d a", o.stickycookie());
        assertEquals("~q", o.stickyauth());
        assertEquals("~u /x", o.intercept());
        assertEquals(List.of(":~d b:444", "/~d c/404"), o.blockList());
        assertTrue(o.anticache() && o.anticomp());
    }

    @Test void malformedSpecsAreUsageErrors() {
        UsageException e = assertThrows(UsageException.class,
                () -> CommandLine.parse("-H", "/nothing"));
        assertEquals("Invalid value \"/nothing\" for option modify_headers: expected 2 or 3 "
                + "parts, got 1; expected [/flow-filter]/header-name/[@]value (the first "
                + "character is the separator)", e.getMessage());
    }

    @Test void positionalArgumentsFormTheFilter() throws UsageException {
        assertEquals("~d example.com & ~c 200",
                CommandLine.parse("-q", "~d", "example.com", "&", "~c", "200").filter());
        assertEquals("-x", CommandLine.parse("--", "-x").filter());
    }

    @Test void actions() throws UsageException {
        assertEquals(Invocation.Action.VERSION, CommandLine.parse("--version").action());
        assertEquals(Invocation.Action.OPTIONS, CommandLine.parse("--options").action());
        assertEquals(Invocation.Action.HELP, CommandLine.parse("-h").action());
    }

    @Test void badArgumentsNameTheProblem() {
        assertEquals("unrecognized argument: --listen-prot (did you mean --listen-port, --listen-host?)",
                message("--listen-prot", "8080"));
        assertEquals("Invalid value \"abc\" for option listen_port: not an integer; "
                + "expected an integer, or empty for none", message("-p", "abc"));
        assertEquals("flag -p expects a value", message("-p"));
        assertTrue(message("--set", "listen_prot=1").startsWith(
                "Unknown option \"listen_prot\"; did you mean listen_port"));
        assertTrue(message("-m", "bogus").startsWith("Invalid value \"bogus\" for option mode"));
        assertEquals("flag --anticache takes no value", message("--anticache=yes"));
        assertTrue(message("-s", "script.py").contains("not supported"));
    }

    private static String message(String... args) {
        return assertThrows(UsageException.class, () -> CommandLine.parse(args)).getMessage();
    }
}
