package dev.mitm4j.examples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README cannot drift from code that compiles and runs: each of its Java snippets is a file
 * of this package, verbatim after the package line, and its Maven coordinates are this build's.
 */
class ReadmeSnippetsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path HERE =
            Path.of("src", "test", "java", "dev", "mitm4j", "examples", "readme");
    private static final String PACKAGE_LINE = "package dev.mitm4j.examples.readme;\n\n";
    /** Files of this package that are not snippets: they check or run the snippets. */
    private static final Set<String> DRIVERS =
            Set.of("package-info.java", "ReadmeSnippetsTest.java", "EmbeddedProxyTest.java");
    /** Root pom properties holding the version of each third-party artifact the README names. */
    private static final Map<String, String> VERSION_PROPERTIES = Map.of(
            "org.slf4j:slf4j-simple", "slf4j.version",
            "com.squareup.okhttp3:mockwebserver3", "okhttp.version");

    private static final Pattern JAVA_BLOCK = Pattern.compile("(?s)```java\n(.*?)```");
    private static final Pattern XML_BLOCK = Pattern.compile("(?s)```xml\n(.*?)```");
    private static final Pattern TYPE_NAME = Pattern.compile(
            "(?m)^(?:public |final |abstract )*(?:class|interface|record|enum) (\\w+)");
    private static final Pattern DEPENDENCY = Pattern.compile("(?s)<dependency>(.*?)</dependency>");

    @Test
    void everyJavaSnippetIsAFileOfThisPackageVerbatim() throws IOException {
        Map<String, String> snippets = javaSnippets();
        assertFalse(snippets.isEmpty(), "no ```java block in the README");
        for (Map.Entry<String, String> snippet : snippets.entrySet()) {
            Path twin = HERE.resolve(snippet.getKey() + ".java");
            assertTrue(Files.exists(twin),
                    () -> "the README's snippet " + snippet.getKey() + " has no twin " + twin);
            assertEquals(PACKAGE_LINE + snippet.getValue(), Files.readString(twin),
                    () -> "the README's snippet " + snippet.getKey() + " differs from " + twin
                            + ": change both");
        }
    }

    @Test
    void everyFileOfThisPackageIsASnippetOrRunsOne() throws IOException {
        Set<String> expected = new TreeSet<>(DRIVERS);
        javaSnippets().keySet().forEach(name -> expected.add(name + ".java"));
        try (Stream<Path> files = Files.list(HERE)) {
            assertEquals(expected, new TreeSet<>(
                    files.map(file -> file.getFileName().toString()).toList()),
                    "a snippet left the README (delete its twin) or a file here is neither");
        }
    }

    @Test
    void theMavenCoordinatesImportTheBomFirstAndAreThoseOfThisBuild() throws IOException {
        List<Map<String, String>> dependencies = readmeDependencies();
        String version = projectVersion();

        Map<String, String> bom = dependencies.getFirst();
        assertEquals(Map.of("groupId", "dev.mitm4j", "artifactId", "mitm-bom", "version", version,
                "type", "pom", "scope", "import"), bom, "the BOM comes first");
        String managed = Files.readString(Path.of("..", "mitm-bom", "pom.xml"));
        for (Map<String, String> dependency : dependencies.subList(1, dependencies.size())) {
            String coordinates = dependency.get("groupId") + ":" + dependency.get("artifactId");
            if ("dev.mitm4j".equals(dependency.get("groupId"))) {
                assertTrue(managed.contains("<artifactId>" + dependency.get("artifactId") + "<"),
                        coordinates + " is not in the BOM");
                assertNull(dependency.get("version"), coordinates + ": the BOM sets the version");
            } else {
                String property = VERSION_PROPERTIES.get(coordinates);
                assertTrue(property != null, coordinates + ": name its version property above");
                assertEquals(rootProperty(property), dependency.get("version"), coordinates);
            }
        }
    }

    /** {@return the README's Java snippets by the name of the type each declares, in order} */
    private static Map<String, String> javaSnippets() throws IOException {
        Map<String, String> snippets = new LinkedHashMap<>();
        Matcher block = JAVA_BLOCK.matcher(Files.readString(README));
        while (block.find()) {
            Matcher type = TYPE_NAME.matcher(block.group(1));
            assertTrue(type.find(), () -> "a README snippet declares no type:\n" + block.group(1));
            assertNull(snippets.put(type.group(1), block.group(1)),
                    () -> "two README snippets declare " + type.group(1));
        }
        return snippets;
    }

    /** {@return each dependency of the README's XML blocks as its element names and texts} */
    private static List<Map<String, String>> readmeDependencies() throws IOException {
        List<Map<String, String>> dependencies = new ArrayList<>();
        Matcher block = XML_BLOCK.matcher(Files.readString(README));
        while (block.find()) {
            Matcher dependency = DEPENDENCY.matcher(block.group(1));
            while (dependency.find()) {
                Map<String, String> fields = new LinkedHashMap<>();
                Matcher field = Pattern.compile("<(\\w+)>([^<]*)</\\1>").matcher(dependency.group(1));
                while (field.find()) {
                    fields.put(field.group(1), field.group(2));
                }
                dependencies.add(fields);
            }
        }
        assertFalse(dependencies.isEmpty(), "no ```xml block with dependencies in the README");
        return dependencies;
    }

    private static String projectVersion() throws IOException {
        return find("(?s)<artifactId>mitm4j-parent</artifactId>\\s*<version>([^<]+)</version>");
    }

    private static String rootProperty(String name) throws IOException {
        return find("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">");
    }

    private static String find(String regex) throws IOException {
        Matcher m = Pattern.compile(regex).matcher(Files.readString(Path.of("..", "pom.xml")));
        assertTrue(m.find(), () -> "not in the root pom.xml: " + regex);
        return m.group(1);
    }
}
