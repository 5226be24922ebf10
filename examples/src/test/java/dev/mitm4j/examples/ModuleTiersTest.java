package dev.mitm4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The tiers of every module, read from the sources of the whole repository (this module is
 * built last): API and SPI packages are exported to everyone, {@code internal} packages only to
 * the sibling modules that use them, and every package is {@code @NullMarked}.
 */
class ModuleTiersTest {
    /** Modules that are applications: nothing requires them, so they export nothing. */
    private static final Set<String> APPLICATIONS = Set.of("dev.mitm4j.examples");
    private static final Pattern EXPORTS = Pattern.compile(
            "\\bexports\\s+([\\w.]+)(?:\\s+to\\s+([\\w.,\\s]+))?;");
    private static final Pattern MODULE = Pattern.compile("\\bmodule\\s+([\\w.]+)\\s*\\{");
    private static final Pattern NULL_MARKED_PACKAGE = Pattern.compile(
            "@NullMarked\\s+package\\s+([\\w.]+)\\s*;");

    private final Path root = repositoryRoot();

    @Test
    void everyPackageIsNullMarked() throws IOException {
        List<String> unmarked = new ArrayList<>();
        for (Path module : moduleDirectories()) {
            Set<String> mainPackages = packagesUnder(module.resolve("src/main/java"));
            for (String tree : List.of("src/main/java", "src/test/java")) {
                for (String pkg : packagesUnder(module.resolve(tree))) {
                    if (tree.equals("src/test/java") && mainPackages.contains(pkg)) {
                        continue; // a test class runs in the main package, with its annotation
                    }
                    Path info = module.resolve(tree).resolve(pkg.replace('.', '/'))
                            .resolve("package-info.java");
                    if (!nullMarked(info, pkg)) {
                        unmarked.add(root.relativize(info.getParent()).toString());
                    }
                }
            }
        }
        assertEquals(List.of(), unmarked, "packages without a @NullMarked package-info.java");
    }

    @Test
    void apiAndSpiPackagesAreExportedToEveryone() throws IOException {
        List<String> hidden = new ArrayList<>();
        for (ModuleInfo module : modules().values()) {
            if (APPLICATIONS.contains(module.name)) {
                continue;
            }
            for (String pkg : module.packages) {
                if (!isInternal(pkg) && !module.unqualified.contains(pkg)) {
                    hidden.add(module.name + ": " + pkg);
                }
            }
        }
        assertEquals(List.of(), hidden, "public packages that module-info does not export");
    }

    @Test
    void internalPackagesAreExportedOnlyToTheModulesThatUseThem() throws IOException {
        Map<String, ModuleInfo> modules = modules();
        List<String> wrong = new ArrayList<>();
        for (ModuleInfo module : modules.values()) {
            for (String pkg : module.unqualified) {
                if (isInternal(pkg)) {
                    wrong.add(module.name + " exports " + pkg + " to everyone");
                }
            }
            module.qualified.forEach((pkg, targets) -> {
                for (String target : targets) {
                    ModuleInfo user = modules.get(target);
                    // Targets outside the project (JUnit) use the package reflectively.
                    if (user != null && !user.uses(pkg)) {
                        wrong.add(module.name + " exports " + pkg + " to " + target
                                + ", which does not use it");
                    }
                }
            });
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theScanSeesEveryModule() throws IOException {
        Set<String> names = modules().keySet();
        assertTrue(names.containsAll(List.of("dev.mitm4j.http", "dev.mitm4j.tls",
                "dev.mitm4j.filter", "dev.mitm4j.core", "dev.mitm4j.replay",
                "dev.mitm4j.testkit", "dev.mitm4j.examples")), names.toString());
    }

    private static boolean isInternal(String pkg) {
        return List.of(pkg.split("\\.")).contains("internal");
    }

    private static boolean nullMarked(Path info, String pkg) throws IOException {
        if (!Files.isRegularFile(info)) {
            return false;
        }
        Matcher m = NULL_MARKED_PACKAGE.matcher(withoutComments(Files.readString(info)));
        return m.find() && m.group(1).equals(pkg);
    }

    /** {@return the modules with a module-info.java, by module name} */
    private Map<String, ModuleInfo> modules() throws IOException {
        Map<String, ModuleInfo> modules = new LinkedHashMap<>();
        for (Path dir : moduleDirectories()) {
            Path sources = dir.resolve("src/main/java");
            Path descriptor = sources.resolve("module-info.java");
            if (Files.isRegularFile(descriptor)) {
                ModuleInfo module = ModuleInfo.parse(
                        withoutComments(Files.readString(descriptor)), sources);
                modules.put(module.name, module);
            }
        }
        return modules;
    }

    /** {@return the directories of the repository that hold a Maven module with sources} */
    private List<Path> moduleDirectories() throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(d -> Files.isDirectory(d.resolve("src"))).sorted().toList();
        }
    }

    /** {@return the packages of the Java files under {@code sources}} */
    private static Set<String> packagesUnder(Path sources) throws IOException {
        Set<String> packages = new TreeSet<>();
        if (!Files.isDirectory(sources)) {
            return packages;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().equals("module-info.java"))
                    .forEach(f -> packages.add(sources.relativize(f.getParent()).toString()
                            .replace(f.getFileSystem().getSeparator(), ".")));
        }
        return packages;
    }

    private static String withoutComments(String java) {
        return java.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the repository: "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** What one module-info.java says, with the sources it describes. */
    private record ModuleInfo(String name, Path sources, Set<String> packages,
            Set<String> unqualified, Map<String, List<String>> qualified) {

        static ModuleInfo parse(String descriptor, Path sources) throws IOException {
            Matcher name = MODULE.matcher(descriptor);
            if (!name.find()) {
                throw new IllegalStateException("no module declaration in " + sources);
            }
            Set<String> unqualified = new TreeSet<>();
            Map<String, List<String>> qualified = new LinkedHashMap<>();
            Matcher exports = EXPORTS.matcher(descriptor);
            while (exports.find()) {
                if (exports.group(2) == null) {
                    unqualified.add(exports.group(1));
                } else {
                    qualified.put(exports.group(1),
                            List.of(exports.group(2).trim().split("\\s*,\\s*")));
                }
            }
            return new ModuleInfo(name.group(1), sources, packagesUnder(sources), unqualified,
                    qualified);
        }

        /** {@return whether a main source file of this module names a type of {@code pkg}} */
        boolean uses(String pkg) {
            Pattern use = Pattern.compile("\\b" + Pattern.quote(pkg) + "\\.[A-Z*]");
            try (Stream<Path> files = Files.walk(sources)) {
                return files.filter(f -> f.toString().endsWith(".java"))
                        .anyMatch(f -> use.matcher(read(f)).find());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String read(Path file) {
            try {
                return withoutComments(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
