package dev.mitm4j.core.internal.addons;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files {@code map_local} tries for a URL under a directory, best first (the features
 * page's rules, as mitmproxy's {@code maplocal.file_candidates}):
 *
 * <ol>
 *   <li>The suffix: the regex's first group when it has groups (query string kept), else the
 *       part of the URL right of the first match, without its query string and without leading
 *       and trailing {@code /}.
 *   <li>The suffix is percent-decoded; candidates are {@code dir/suffix} and
 *       {@code dir/suffix/index.html}, then the same with every character outside
 *       {@code [0-9a-zA-Z-_.=(),/]} mapped to {@code _} when that changes anything.
 *   <li>An empty suffix gives {@code dir/index.html}.
 * </ol>
 *
 * A suffix that could leave the directory ({@code ..} segments, an absolute path, a backslash or
 * a NUL, before or after decoding) gives no candidate at all. Stateless.
 */
final class LocalPaths {
    private static final Pattern SPECIAL = Pattern.compile("[^0-9a-zA-Z\\-_.=(),/]");

    private LocalPaths() {}

    /** {@return the candidate files for {@code url}, which {@code regex} matches, under {@code dir}} */
    static List<Path> candidates(Path dir, Pattern regex, String url) {
        String suffix = suffix(regex, url);
        if (suffix.isEmpty()) {
            return List.of(dir.resolve("index.html"));
        }
        String decoded = unquote(suffix);
        List<String> names = new ArrayList<>(List.of(decoded, decoded + "/index.html"));
        String escaped = SPECIAL.matcher(decoded).replaceAll("_");
        if (!escaped.equals(decoded)) {
            names.add(escaped);
            names.add(escaped + "/index.html");
        }
        List<Path> paths = new ArrayList<>();
        for (String name : names) {
            if (!safe(name)) {
                return List.of();
            }
            Path joined = join(dir, name);
            if (!joined.normalize().startsWith(dir.normalize())) {
                return List.of();
            }
            paths.add(joined);
        }
        return paths;
    }

    static String suffix(Pattern regex, String url) {
        Matcher m = regex.matcher(url);
        if (!m.find()) {
            return "";
        }
        if (m.groupCount() > 0) {
            String group = m.group(1);
            return group == null ? "" : group;
        }
        String rest = url.substring(m.end());
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        return strip(rest, '/');
    }

    /** {@return whether {@code name} stays below the directory it is joined to} */
    static boolean safe(String name) {
        if (name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            return false;
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static Path join(Path dir, String name) {
        Path p = dir;
        for (String segment : name.split("/")) {
            if (!segment.isEmpty() && !segment.equals(".")) {
                p = p.resolve(segment);
            }
        }
        return p;
    }

    /** Python's {@code urllib.parse.unquote}: %XX as UTF-8 bytes, malformed escapes kept. */
    static String unquote(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int hi = i + 2 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
            int lo = i + 2 < bytes.length ? Character.digit(bytes[i + 2], 16) : -1;
            if (bytes[i] == '%' && hi >= 0 && lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String strip(String s, char c) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == c) {
            start++;
        }
        while (end > start && s.charAt(end - 1) == c) {
            end--;
        }
        return s.substring(start, end);
    }
}
