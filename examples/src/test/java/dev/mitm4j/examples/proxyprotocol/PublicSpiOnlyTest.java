package dev.mitm4j.examples.proxyprotocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The PROXY protocol layer is what any user could write: its classes name no type of an
 * {@code internal} package of mitm4j, only the public API and SPI.
 */
class PublicSpiOnlyTest {
    private static final Pattern MITM4J_TYPE = Pattern.compile("dev/mitm4j(/[A-Za-z0-9_$]+)+");

    @Test
    void theLayerUsesOnlyPublicPackagesOfMitm4j() throws IOException, URISyntaxException {
        Path classes = Path.of(ProxyProtocolSelector.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).resolve("dev/mitm4j/examples/proxyprotocol");
        Set<String> packages = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.list(classes)) {
            files = walk.filter(f -> f.toString().endsWith(".class")).toList();
        }
        for (Path file : files) {
            // Class names sit in the constant pool as modified UTF-8, which is ASCII here.
            Matcher m = MITM4J_TYPE.matcher(new String(Files.readAllBytes(file),
                    StandardCharsets.ISO_8859_1));
            while (m.find()) {
                String type = m.group();
                packages.add(type.substring(0, type.lastIndexOf('/')).replace('/', '.'));
            }
        }
        assertFalse(files.isEmpty());
        assertEquals(Set.of(), packages.stream().filter(p -> p.contains(".internal"))
                .collect(TreeSet::new, Set::add, Set::addAll), packages.toString());
        assertEquals(Set.of("dev.mitm4j.core", "dev.mitm4j.core.spi", "dev.mitm4j.http",
                "dev.mitm4j.examples.proxyprotocol"), packages);
    }
}
