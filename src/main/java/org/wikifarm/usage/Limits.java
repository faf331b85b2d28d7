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

    public boolean unlimitedBytes() {
        return bytes == 0;
    }

    public boolean unlimitedPages() {
        return pages == 0;
    }
}
