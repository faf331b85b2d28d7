package org.wikifarm.page.git;

import java.io.IOException;
import java.util.List;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEditor.DeletePath;
import org.eclipse.jgit.dircache.DirCacheEditor.PathEdit;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * One file that is not a page (an attachment) a commit writes, moves or deletes, by its path in the repository:
 * new bytes ({@code content}), an existing blob under a new path ({@code blob}, a move that copies nothing), or
 * neither, a delete. The committer's listeners (last changes, links, the page list) are about pages and never see
 * these.
 */
record FileEdit(String file, byte[] content, ObjectId blob) {
    static FileEdit write(String file, byte[] content) {
        return new FileEdit(file, content, null);
    }

    static FileEdit place(String file, ObjectId blob) {
        return new FileEdit(file, null, blob.copy());
    }

    static FileEdit delete(String file) {
        return new FileEdit(file, null, null);
    }

    boolean deletes() {
        return content == null && blob == null;
    }

    /** The bytes the edits add at {@code head} (negative when they free more): each file's new size minus its old. */
    static long growth(Snapshot head, List<FileEdit> edits) throws IOException {
        long bytes = 0;
        for (FileEdit edit : edits) {
            long old = Math.max(head.fileSize(edit.file()), 0);
            long now = edit.deletes() ? 0 : edit.content() != null ? edit.content().length
                    : head.reader().getObjectSize(edit.blob(), Constants.OBJ_BLOB);
            bytes += now - old;
        }
        return bytes;
    }

    void apply(DirCacheEditor editor, ObjectInserter inserter) throws IOException {
        if (deletes()) {
            editor.add(new DeletePath(file));
            return;
        }
        ObjectId id = content != null ? inserter.insert(Constants.OBJ_BLOB, content) : blob;
        editor.add(new PathEdit(file) {
            @Override
            public void apply(DirCacheEntry entry) {
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(id);
            }
        });
    }
}
