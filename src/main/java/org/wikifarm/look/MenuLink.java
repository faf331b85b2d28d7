package org.wikifarm.look;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.wikifarm.error.WikifarmException.InvalidInput;
import org.wikifarm.limit.Text;
import org.wikifarm.page.PagePath;

/**
 * One link of a wiki's menu: a label and either a page of the wiki or an address on the web ({@code http(s)} only).
 * The menu is written one link per line, {@code Label | target}, or just a page name.
 */
public record MenuLink(String label, String target, boolean external) {
    /** The most links a menu holds. */
    public static final int MAX_LINKS = 30;
    /** The most characters of a label. */
    public static final int MAX_LABEL_CHARS = 80;
    private static final int MAX_URL_CHARS = 2000;

    /** Reads the menu's text; refuses (400, naming the line) a line it cannot take. */
    public static List<MenuLink> parse(String text) {
        List<MenuLink> links = new ArrayList<>();
        if (text == null) {
            return links;
        }
        int number = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            String line = text.substring(start, end < 0 ? text.length() : end).strip();
            start = end < 0 ? text.length() + 1 : end + 1;
            number++;
            if (line.isEmpty()) {
                continue;
            }
            if (links.size() == MAX_LINKS) {
                throw new InvalidInput("invalid_menu", "A menu has at most " + MAX_LINKS + " links.");
            }
            links.add(line(line, number));
        }
        return links;
    }

    private static MenuLink line(String line, int number) {
        if (Text.controlAt(line, false) >= 0) {
            throw problem(number, "has a control character");
        }
        int bar = line.indexOf('|');
        String label = (bar < 0 ? line : line.substring(0, bar)).strip();
        String target = (bar < 0 ? line : line.substring(bar + 1)).strip();
        if (label.isEmpty() || target.isEmpty()) {
            throw problem(number, "needs a label and a target: Label | Page name or https://address");
        }
        if (Text.chars(label) > MAX_LABEL_CHARS) {
            throw problem(number, "has a label longer than " + MAX_LABEL_CHARS + " characters");
        }
        String lower = target.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return new MenuLink(label, checkedUrl(target, number), true);
        }
        if (hasScheme(lower)) {
            throw problem(number, "links to an address that is neither a page nor http(s)");
        }
        try {
            return new MenuLink(label, new PagePath(target).value(), false);
        } catch (InvalidInput badPath) {
            throw problem(number, "names no valid page: " + badPath.getMessage());
        }
    }

    /** Whether the target starts like an address with a scheme ({@code letter (letter|digit|+|.|-)* :}). */
    private static boolean hasScheme(String lower) {
        if (lower.isEmpty() || lower.charAt(0) < 'a' || lower.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == ':') {
                return true;
            }
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-')) {
                return false;
            }
        }
        return false;
    }

    private static String checkedUrl(String target, int number) {
        if (target.length() > MAX_URL_CHARS) {
            throw problem(number, "has an address longer than " + MAX_URL_CHARS + " characters");
        }
        try {
            URI uri = new URI(target);
            if (uri.getHost() == null || uri.getRawUserInfo() != null) {
                throw problem(number, "has an address without a host, or with a user name in it");
            }
            return uri.toASCIIString();
        } catch (URISyntaxException e) {
            throw problem(number, "has an address that is not valid: " + e.getReason());
        }
    }

    private static InvalidInput problem(int number, String what) {
        return new InvalidInput("invalid_menu", "Line " + number + " of the menu " + what + ".");
    }

    /** The line this link is written as. */
    public String asLine() {
        return label + " | " + target;
    }
}
