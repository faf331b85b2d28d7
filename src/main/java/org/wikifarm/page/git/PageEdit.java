package org.wikifarm.page.git;

import org.wikifarm.page.PagePath;

/** One page a commit writes, or deletes when {@code content} is null. */
record PageEdit(PagePath path, byte[] content) {
    static PageEdit write(PagePath path, byte[] content) {
        return new PageEdit(path, content);
    }

    static PageEdit delete(PagePath path) {
        return new PageEdit(path, null);
    }

    boolean deletes() {
        return content == null;
    }
}
