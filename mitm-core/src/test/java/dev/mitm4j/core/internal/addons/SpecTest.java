package dev.mitm4j.core.internal.addons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecTest {
    @TempDir
    Path dir;

    @Test
    void twoPartsMeanSubjectAndReplacementForEveryFlow() {
        Spec spec = Spec.parse("modify_headers", "/Host/example.org");
        assertEquals("~all", spec.filter().expression());
        assertEquals("Host", spec.subject());
        assertEquals("example.org", spec.replacement());
    }

    @Test
    void threePartsStartWithTheFilter() {
        Spec spec = Spec.parse("modify_headers", "/~q & !~h Host:/Host/example.org");
        assertEquals("~q & !~h Host:", spec.filter().expression());
        assertEquals("Host", spec.subject());
        assertEquals("example.org", spec.replacement());
    }

    @Test
    void theFirstCharacterIsTheSeparatorAndTheLastPartKeepsFurtherOnes() {
        Spec spec = Spec.parse("map_remote", "|~m GET|//example.org/|//a/b|c");
        assertEquals("~m GET", spec.filter().expression());
        assertEquals("//example.org/", spec.subject());
        assertEquals("//a/b|c", spec.replacement());
        assertEquals("foo", Spec.parse("modify_body", ":~q:foo:@x").subject());
    }

    @Test
    void anEmptyLastPartIsKept() {
        assertEquals("", Spec.parse("modify_headers", "/~q/Host/").replacement());
    }

    @Test
    void malformedSpecsNameTheOptionTheSpecAndTheForm() {
        assertEquals("Invalid value \"/justone\" for option modify_headers: expected 2 or 3 "
                + "parts, got 1; expected [/flow-filter]/header-name/[@]value (the first "
                + "character is the separator)", message("modify_headers", "/justone"));
        assertEquals("Invalid value \"\" for option map_remote: the spec is empty; expected "
                + "[|flow-filter]|url-regex|replacement (the first character is the separator)",
                message("map_remote", ""));
    }

    @Test
    void aBadFilterIsReported() {
        String m = message("modify_headers", "/~nonsense/a/b");
        assertTrue(m.startsWith("Invalid value \"/~nonsense/a/b\" for option modify_headers: "
                + "invalid filter expression \"~nonsense\" ("), m);
        assertTrue(m.endsWith("; expected [/flow-filter]/header-name/[@]value (the first "
                + "character is the separator)"), m);
    }

    @Test
    void blockListNeedsExactlyTwoPartsAndAStatus() {
        assertEquals("Invalid value \"/~q/x/404\" for option block_list: expected 2 parts, got "
                + "3; expected /flow-filter/status-code (the first character is the separator)",
                assertThrows(IllegalArgumentException.class,
                        () -> BlockList.parse("/~q/x/404")).getMessage());
        assertEquals("Invalid value \":~d a:nope\" for option block_list: invalid HTTP status "
                + "code nope; expected /flow-filter/status-code (the first character is the "
                + "separator)", assertThrows(IllegalArgumentException.class,
                        () -> BlockList.parse(":~d a:nope")).getMessage());
        assertEquals(444, BlockList.parse(":~d example.com$:444").status());
    }

    @Test
    void regexesAndPathsAreCheckedWhenParsed() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> MapRemote.parse("|(unclosed|x")).getMessage();
        assertTrue(m.startsWith("Invalid value \"|(unclosed|x\" for option map_remote: invalid "
                + "regular expression \"(unclosed\" ("), m);
        assertEquals("Invalid value \"|a|\\2\" for option map_remote: invalid replacement: "
                + "invalid group reference 2; expected [|flow-filter]|url-regex|replacement (the "
                + "first character is the separator)", assertThrows(
                        IllegalArgumentException.class, () -> MapRemote.parse("|a|\\2"))
                        .getMessage());
        Path missing = dir.resolve("missing");
        assertEquals("Invalid value \"|a|" + missing + "\" for option map_local: invalid file "
                + "path " + missing + " (no such file or directory); expected "
                + "[|flow-filter]|url-regex|file-or-directory (the first character is the "
                + "separator)", assertThrows(IllegalArgumentException.class,
                        () -> MapLocal.parse("|a|" + missing)).getMessage());
        assertEquals("Invalid value \":a:@" + missing + "\" for option modify_headers: cannot "
                + "read file " + missing + "; expected [/flow-filter]/header-name/[@]value (the "
                + "first character is the separator)", assertThrows(
                        IllegalArgumentException.class, () -> ModifyHeaders.parse(":a:@" + missing))
                        .getMessage());
    }

    @Test
    void optionsSetGivesTheSameMessage() {
        String viaOptions = assertThrows(IllegalArgumentException.class,
                () -> Options.builder().set("modify_headers", "/justone")).getMessage();
        assertEquals(message("modify_headers", "/justone"), viaOptions);
        String added = assertThrows(IllegalArgumentException.class,
                () -> Options.builder().add("block_list", ":~d a:nope")).getMessage();
        assertTrue(added.startsWith("Invalid value \":~d a:nope\" for option block_list: "
                + "invalid HTTP status code nope; expected /flow-filter/status-code"), added);
        assertThrows(IllegalArgumentException.class,
                () -> Options.builder().modifyBody("/(/x"));
    }

    @Test
    void filterOptionsAreCheckedWhenSet() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> Options.builder().stickycookie("~bogus")).getMessage();
        assertTrue(m.startsWith("Invalid value \"~bogus\" for option stickycookie: "), m);
        assertThrows(IllegalArgumentException.class, () -> Options.builder().intercept("(~q"));
    }

    @Test
    void theServerBuilderRefusesNothingTheOptionsAccepted() {
        ProxyServer server = ProxyServer.builder().options(Options.builder().listenPort(0)
                .modifyHeaders("/~q/X-A/1").blockList(":~d x:404").build()).build();
        assertEquals("block_list", server.master().addons().get(0).name());
        server.close();
    }

    @Test
    void describeShowsTheSpecForm() {
        Options.Description d = Options.describe().stream()
                .filter(x -> x.name().equals("map_local")).findFirst().orElseThrow();
        assertTrue(d.help().contains("[|flow-filter]|url-regex|file-or-directory"), d.help());
    }

    private static String message(String option, String spec) {
        return assertThrows(IllegalArgumentException.class, () -> Spec.parse(option, spec))
                .getMessage();
    }
}
