package org.wikifarm.markdown;

import java.util.Locale;
import org.commonmark.node.CustomBlock;

/**
 * A GitHub-style alert: a block quote whose first line is {@code [!NOTE]}, {@code [!TIP]}, {@code [!IMPORTANT]},
 * {@code [!WARNING]} or {@code [!CAUTION]}. Its children are the quote's content without that line; its title is
 * fixed by its kind, never taken from the text.
 */
public final class Alert extends CustomBlock {
    /** The five kinds GitHub knows, each with the title it shows. */
    public enum Kind {
        NOTE("Note"), TIP("Tip"), IMPORTANT("Important"), WARNING("Warning"), CAUTION("Caution");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }

        /** The CSS class of the block, such as {@code alert-note}. */
        public String cssClass() {
            return "alert-" + name().toLowerCase(Locale.ROOT);
        }

        /** The kind a marker's word names, case-insensitive, or null. */
        static Kind of(String word) {
            for (Kind kind : values()) {
                if (kind.name().equalsIgnoreCase(word)) {
                    return kind;
                }
            }
            return null;
        }
    }

    private final Kind kind;

    Alert(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
