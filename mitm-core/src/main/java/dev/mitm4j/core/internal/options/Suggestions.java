package dev.mitm4j.core.internal.options;

import java.util.Comparator;
import java.util.List;

/** Close matches for a mistyped name, by Levenshtein distance (and by substring). */
public final class Suggestions {
    private Suggestions() {}

    /** {@return up to three of {@code candidates} close to {@code typed}, closest first} */
    public static List<String> closeMatches(String typed, Iterable<String> candidates) {
        int limit = Math.max(2, typed.length() / 3);
        java.util.ArrayList<String> hits = new java.util.ArrayList<>();
        for (String candidate : candidates) {
            if (distance(typed, candidate) <= limit
                    || (typed.length() >= 4 && candidate.contains(typed))) {
                hits.add(candidate);
            }
        }
        hits.sort(Comparator.comparingInt((String c) -> distance(typed, c))
                .thenComparing(Comparator.naturalOrder()));
        return List.copyOf(hits.subList(0, Math.min(3, hits.size())));
    }

    /** {@return the Levenshtein edit distance between {@code a} and {@code b}} */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1),
                        previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
