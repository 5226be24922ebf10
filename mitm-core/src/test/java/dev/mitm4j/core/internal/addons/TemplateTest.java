package dev.mitm4j.core.internal.addons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TemplateTest {
    @Test
    void pythonGroupReferencesAndLiteralDollar() {
        Pattern p = Pattern.compile("(?<word>[a-z]+)-(\\d+)");
        assertEquals("x 42:abc$ y", Template.parse("\\2:\\g<word>$").replaceAll(p, "x abc-42 y"));
        assertEquals("[abc]", Template.parse("[\\g<1>]").replaceAll(p, "abc-1"));
    }

    @Test
    void escapesAndNoMatch() {
        assertEquals("a\tb", Template.parse("\\t").replaceAll(Pattern.compile("-"), "a-b"));
        assertEquals("same", Template.parse("x").replaceAll(Pattern.compile("q"), "same"));
    }

    @Test
    void missingGroupsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Template.parse("\\3").checkGroups(Pattern.compile("(a)")));
        assertThrows(IllegalArgumentException.class,
                () -> Template.parse("\\g<nope>").checkGroups(Pattern.compile("(a)")));
        assertThrows(IllegalArgumentException.class, () -> Template.parse("\\g<x"));
    }

    @Test
    void pythonNamedGroupsCompile() {
        Pattern p = Regexes.compile("map_remote", "spec", "(?P<w>a+)-(?P=w)", 0);
        assertEquals("<aa>", Template.parse("<\\g<w>>").replaceAll(p, "aa-aa"));
    }

    @Test
    void latin1UnescapeKeepsRegexEscapes() {
        assertEquals("\\d\\1\n\u0000", Latin1.unescape("\\d\\1\\n\\x00"));
        assertEquals("\u00c3\u00a9", Latin1.unescape("é"));
    }
}
