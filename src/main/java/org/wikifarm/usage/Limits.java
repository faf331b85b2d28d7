package org.wikifarm.usage;

import org.wikifarm.config.Settings;

/**
 * A wiki's limits: bytes of its folder on disk and number of pages, each 0 for unlimited; with whether they are the
 * wiki's own (set by a platform admin) or the farm's defaults.
 */
public record Limits(long bytes, int pages, boolean own) {
    public Limits {
        if (bytes < 0 || pages < 0) {
            throw new IllegalArgumentException("negative limit");
        }
    }

    /** The wiki's own limits where a platform admin set them (non-null), the defaults elsewhere. */
    static Limits of(Settings.Quota defaults, Long ownBytes, Integer ownPages) {
        return new Limits(ownBytes == null ? defaults.bytes() : ownBytes,
                ownPages == null ? defaults.pages() : ownPages, ownBytes != null || ownPages != null);
    }

    private static final long MEGABYTE = 1024L * 1024;

    /** A form's limit in whole megabytes: blank for the default (null), 0 for unlimited. */
    public static Long megabytes(String text) {
        Long value = whole(text, "The byte limit", 8L * 1024 * 1024);
        return value == null ? null : value * MEGABYTE;
    }

    /** A form's page limit: blank for the default (null), 0 for unlimited. */
    public static Integer count(String text) {
        Long value = whole(text, "The page limit", Integer.MAX_VALUE);
        return value == null ? null : value.intValue();
    }

    /** The own byte limit as a form shows it: whole megabytes (rounded up), blank when the default applies. */
    public static String megabytesText(Limits limits) {
        return limits.own ? Long.toString((limits.bytes + MEGABYTE - 1) / MEGABYTE) : "";
    }

    public static String countText(Limits limits) {
        return limits.own ? Integer.toString(limits.pages) : "";
    }

    private static Long whole(String text, String what, long max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String digits = text.strip();
        if (digits.length() > 12 || !digits.chars().allMatch(Character::isDigit) || Long.parseLong(digits) > max) {
            throw new org.wikifarm.error.WikifarmException.InvalidInput("invalid_limit",
                    what + " is a whole number from 0 (unlimited) to " + max + ", or blank for the default.");
        }
        return Long.parseLong(digits);
    }

    public boolean unlimitedBytes() {
        return bytes == 0;
    }

    public boolean unlimitedPages() {
        return pages == 0;
    }
}
