package org.wikifarm.markdown;

import org.commonmark.node.CustomNode;

/** The checkbox that starts a GFM task list item ({@code - [ ] todo}, {@code - [x] done}): its first child. */
public final class TaskMarker extends CustomNode {
    private final boolean checked;

    TaskMarker(boolean checked) {
        this.checked = checked;
    }

    public boolean checked() {
        return checked;
    }
}
