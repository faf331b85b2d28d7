package org.wikifarm.mcp;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.wikifarm.page.PagePath;

/**
 * The existing pages whose names are closest to one that does not exist, for "page not found" answers an assistant
 * can act on: the same name in another case or folder first, then small typos (edit distance), then names that
 * contain the wanted one.
 */
final class CloseMatches {
    static final int MAX = 5;

    private CloseMatches() {
    }

    static List<String> of(String wanted, List<PagePath> pages) {
        String target = wanted.toLowerCase(Locale.ROOT);
        String targetName = lastSegment(target);
        record Scored(String path, int score) {
        }
        return pages.stream()
                .map(page -> new Scored(page.value(), score(target, targetName, page.value().toLowerCase(Locale.ROOT))))
                .filter(scored -> scored.score() < Integer.MAX_VALUE)
                .sorted(Comparator.comparingInt(Scored::score).thenComparing(Scored::path))
                .limit(MAX)
                .map(Scored::path)
                .toList();
    }

    private static int score(String target, String targetName, String candidate) {
        if (candidate.equals(target)) {
            return 0;
        }
        if (lastSegment(candidate).equals(targetName)) {
            return 1;
        }
        int allowed = Math.max(2, target.length() / 4);
        int distance = distance(target, candidate, allowed);
        if (distance <= allowed) {
            return 2 + distance;
        }
        if (targetName.length() >= 3 && candidate.contains(targetName)) {
            return 100 + candidate.length();
        }
        return Integer.MAX_VALUE;
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Levenshtein distance, or {@code limit + 1} as soon as it must exceed the limit. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
