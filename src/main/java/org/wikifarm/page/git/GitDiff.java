package org.wikifarm.page.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffAlgorithm.SupportedAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.wikifarm.page.PageNotFoundException;
import org.wikifarm.page.PagePath;

/** A page's text differences between two revisions, as a unified diff. */
final class GitDiff {
    private static final DiffAlgorithm HISTOGRAM = DiffAlgorithm.getAlgorithm(SupportedAlgorithm.HISTOGRAM);
    private static final byte[] NONE = new byte[0];

    private final Repository repo;

    GitDiff(Repository repo) {
        this.repo = repo;
    }

    /** The diff, empty if the texts are equal; a side without the page counts as empty text. */
    String diff(PagePath path, String fromRevision, String toRevision) throws IOException {
        byte[] from;
        byte[] to;
        try (RevWalk walk = new RevWalk(repo)) {
            from = Snapshot.ofRevision(walk, fromRevision).bytes(path);
            to = Snapshot.ofRevision(walk, toRevision).bytes(path);
        }
        if (from == null && to == null) {
            throw new PageNotFoundException(path);
        }
        return unified(path, from, to);
    }

    static String unified(PagePath path, byte[] from, byte[] to) throws IOException {
        RawText a = new RawText(from == null ? NONE : from);
        RawText b = new RawText(to == null ? NONE : to);
        EditList edits = HISTOGRAM.diff(RawTextComparator.DEFAULT, a, b);
        if (edits.isEmpty() && (from == null) == (to == null)) {
            return "";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String header = "--- " + (from == null ? "/dev/null" : "a/" + path.file()) + "\n"
                + "+++ " + (to == null ? "/dev/null" : "b/" + path.file()) + "\n";
        out.writeBytes(header.getBytes(StandardCharsets.UTF_8));
        try (DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.format(edits, a, b);
            formatter.flush();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
