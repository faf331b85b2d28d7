package org.wikifarm.importer;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.wikifarm.page.PagePath;

/**
 * Otterwiki's file names to Wikifarm's. Otterwiki stores page {@code Project Plan} as the lowercased file
 * {@code project plan.md}, its attachments in the folder {@code project plan/}, and shows the name from the page's
 * first heading when it matches the file name but for case, else in title case ({@code helper.get_pagename}). Wikifarm
 * names files exactly as pages are called, so each path segment becomes the name Otterwiki showed for it: the page
 * keeps the name its readers saw, {@code [[Project Plan]]} links (written as the title reads) find it, and its
 * attachment folder and sub-pages move with it. A segment that is not all lowercase (an installation with
 * {@code RETAIN_PAGE_NAME_CASE}) is kept as it is.
 */
final class PageNames {
    private final Map<String, String> headings;
    private final Map<String, String> mapped = new HashMap<>();
    private final Map<String, String> files = new HashMap<>();

    /** @param headings the first heading of each page at the source's HEAD, by its stem ({@code a/b} for {@code a/b.md}) */
    PageNames(Map<String, String> headings) {
        this.headings = headings;
    }

    /**
     * The target path of a repository file: pages and the folders above them renamed, any other file's own name
     * kept. Null when the file cannot be carried: a name Wikifarm refuses for a page, or a hidden file.
     */
    String map(String file) {
        String known = files.get(file);
        if (known != null || files.containsKey(file)) {
            return known;
        }
        String target = mapFile(file);
        files.put(file, target);
        return target;
    }

    private String mapFile(String file) {
        int slash = file.lastIndexOf('/');
        String folder = slash < 0 ? "" : file.substring(0, slash);
        String name = file.substring(slash + 1);
        if (name.startsWith(".") || name.isEmpty()) {
            return null;
        }
        String targetFolder = folder.isEmpty() ? "" : stem(folder);
        if (targetFolder == null) {
            return null;
        }
        String prefix = targetFolder.isEmpty() ? "" : targetFolder + "/";
        if (name.endsWith(PagePath.EXTENSION) && name.length() > PagePath.EXTENSION.length()) {
            String page = stem(file.substring(0, file.length() - PagePath.EXTENSION.length()));
            return page == null || PagePath.ofFile(page + PagePath.EXTENSION) == null ? null
                    : page + PagePath.EXTENSION;
        }
        return prefix + name;
    }

    /** The target of a page's path or a folder's ({@code a/b}), segment by segment. */
    String stem(String source) {
        String known = mapped.get(source);
        if (known != null || mapped.containsKey(source)) {
            return known;
        }
        int slash = source.lastIndexOf('/');
        String parent = slash < 0 ? "" : stem(source.substring(0, slash));
        String segment = source.substring(slash + 1);
        String result = null;
        if (parent != null && !segment.isEmpty() && !segment.startsWith(".")) {
            result = (parent.isEmpty() ? "" : parent + "/") + segmentName(source, segment);
        }
        mapped.put(source, result);
        return result;
    }

    private String segmentName(String source, String segment) {
        String heading = headings.get(source);
        if (heading != null && !heading.equals(segment) && heading.toLowerCase(Locale.ROOT)
                .equals(segment.toLowerCase(Locale.ROOT))) {
            return heading;
        }
        if (!segment.equals(segment.toLowerCase(Locale.ROOT))) {
            return segment;
        }
        return titleCase(segment);
    }

    /**
     * Python's {@code str.title()} as Otterwiki's {@code titleSs} uses it: a letter after anything that is not a
     * letter starts a word, except after an apostrophe ({@code don't} stays {@code Don't}).
     */
    static String titleCase(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (Character.isLetter(c)) {
                out.appendCodePoint(inWord ? Character.toLowerCase(c) : Character.toTitleCase(c));
                inWord = true;
            } else {
                out.appendCodePoint(c);
                inWord = c == '\'' && inWord;
            }
            i += Character.charCount(c);
        }
        return out.toString();
    }

    /** The text of a page's first {@code # } heading, or null. */
    static String firstHeading(String markdown) {
        int start = 0;
        int lines = 0;
        while (start < markdown.length() && lines++ < 50) {
            int end = markdown.indexOf('\n', start);
            String line = (end < 0 ? markdown.substring(start) : markdown.substring(start, end)).strip();
            if (line.startsWith("# ")) {
                String text = line.substring(2).strip();
                return text.isEmpty() ? null : text;
            }
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        return null;
    }
}
