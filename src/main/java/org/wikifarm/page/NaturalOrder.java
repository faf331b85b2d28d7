package org.wikifarm.page;

import java.util.Comparator;

/**
 * The order people expect of page names: numbers by their value ({@code p2} before {@code p10}), letters without
 * regard to case ({@code apple}, {@code Banana}, {@code cherry}), the same on every server whatever its locale
 * (case is folded per code point, {@link Character#toUpperCase(int)} then {@link Character#toLowerCase(int)}, never
 * with a {@code Locale}). Names equal that way are ordered by their digits' spelling ({@code 2} before {@code 02})
 * and then by code points, so the order is total: no two different names compare as equal. Linear in the names'
 * length, no regular expressions.
 *
 * <p>For screens (the page index, the sidebar). The API's page list keeps its code-point order: its {@code after}
 * cursor is a page path compared that way.
 */
public final class NaturalOrder implements Comparator<String> {
    public static final NaturalOrder INSTANCE = new NaturalOrder();
    /** Page paths by their folders, then their names, each naturally. */
    public static final Comparator<PagePath> PATHS = Comparator.comparing(PagePath::value, INSTANCE);

    private NaturalOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int folded = compareFolded(a, b);
        if (folded != 0) {
            return folded;
        }
        int zeros = compareLeadingZeros(a, b);
        return zeros != 0 ? zeros : a.compareTo(b);
    }

    private static int compareFolded(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                int startA = skipZeros(a, i, endA);
                int startB = skipZeros(b, j, endB);
                int lengthA = endA - startA;
                int lengthB = endB - startB;
                if (lengthA != lengthB) {
                    return Integer.compare(lengthA, lengthB);
                }
                for (int k = 0; k < lengthA; k++) {
                    int digit = Character.compare(a.charAt(startA + k), b.charAt(startB + k));
                    if (digit != 0) {
                        return digit;
                    }
                }
                i = endA;
                j = endB;
                continue;
            }
            // A folder's pages come before names that go on past the folder's own name ("a/b" before "a b").
            int fa = ca == '/' ? 0 : fold(ca);
            int fb = cb == '/' ? 0 : fold(cb);
            if (fa != fb) {
                return Integer.compare(fa, fb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Of names equal but for leading zeros, the one whose first differing number has fewer comes first. */
    private static int compareLeadingZeros(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            if (isDigit(a.charAt(i)) && isDigit(b.charAt(j))) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                if (endA - i != endB - j) {
                    return Integer.compare(endA - i, endB - j);
                }
                i = endA;
                j = endB;
            } else {
                i++;
                j++;
            }
        }
        return 0;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    private static int skipZeros(String s, int from, int end) {
        int at = from;
        while (at < end - 1 && s.charAt(at) == '0') {
            at++;
        }
        return at;
    }

    private static int fold(int c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }
}
