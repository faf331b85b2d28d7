package org.wikifarm.render;

import org.wikifarm.page.AttachmentName;
import org.wikifarm.page.PercentEncoding;

/**
 * An image's source that names one of the page's own files: {@code ![](diagram.png)}, optionally
 * {@code ?thumb=200}. Cached HTML is shared by every page and wiki with the same text, so the renderer writes
 * {@link #PLACEHOLDER} and {@link RenderedPage#bind} points it at the page's files for each view
 * ({@code <wiki base>-/file/<page>/<name>}). Anything else — a URL with a scheme, an absolute or relative path with
 * folders, a fragment — is left as the author wrote it.
 */
final class PageFileSrc {
    static final String PLACEHOLDER = "/__file__/";
    private static final String THUMB = "thumb=";

    private PageFileSrc() {
    }

    /** The placeholder source for {@code destination}, or null if it does not name a file of the page. */
    static String placeholder(String destination) {
        if (destination == null || destination.isEmpty()) {
            return null;
        }
        int query = destination.indexOf('?');
        String name = query < 0 ? destination : destination.substring(0, query);
        String thumb = query < 0 ? "" : destination.substring(query + 1);
        if (!thumb.isEmpty() && !isThumb(thumb)) {
            return null;
        }
        if (name.indexOf(':') >= 0 || name.indexOf('#') >= 0 || name.indexOf('%') >= 0) {
            return null;
        }
        AttachmentName file;
        try {
            file = new AttachmentName(name);
        } catch (RuntimeException notAFileName) {
            return null;
        }
        return PLACEHOLDER + PercentEncoding.encode(file.value(), false) + (thumb.isEmpty() ? "" : "?" + thumb);
    }

    private static boolean isThumb(String query) {
        if (!query.startsWith(THUMB) || query.length() == THUMB.length() || query.length() > THUMB.length() + 4) {
            return false;
        }
        for (int i = THUMB.length(); i < query.length(); i++) {
            char c = query.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
