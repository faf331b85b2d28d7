package org.wikifarm.page.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.blame.BlameGenerator;
import org.eclipse.jgit.blame.BlameResult;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffAlgorithm.SupportedAlgorithm;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.limit.Deadline;
import org.wikifarm.limit.OverBudgetException;
import org.wikifarm.limit.Text;
import org.wikifarm.page.Blame;
import org.wikifarm.page.Change;
import org.wikifarm.page.PageNotFoundException;
import org.wikifarm.page.PagePath;

/**
 * Who last changed each line of a page: JGit's {@link BlameGenerator} from one commit, following renames. A history
 * may hold any number of commits a push brought, so the walk is bounded: each diff the generator makes counts
 * towards {@code maxCommits} and checks the {@link Deadline} (the diffs are the costly steps), and so does each region
 * it hands back; at either bound the blame stops and the lines not reached are left unattributed.
 */
final class GitBlame {
    private static final DiffAlgorithm HISTOGRAM = DiffAlgorithm.getAlgorithm(SupportedAlgorithm.HISTOGRAM);

    private final Repository repo;

    GitBlame(Repository repo) {
        this.repo = repo;
    }

    Blame blame(PagePath path, String revision, long maxPageBytes, int maxCommits, Deadline deadline)
            throws IOException {
        ObjectId start;
        try (RevWalk walk = new RevWalk(repo)) {
            Snapshot snapshot = revision == null
                    ? Snapshot.ofCommit(walk, head(walk)) : Snapshot.ofRevision(walk, revision);
            if (snapshot.commit() == null || snapshot.size(path) < 0) {
                throw new PageNotFoundException(path);
            }
            if (snapshot.size(path) > maxPageBytes) {
                throw new WikifarmException.TooLarge("The page '" + path + "' is larger than " + maxPageBytes
                        + " bytes, too large to blame.");
            }
            start = snapshot.commit().copy();
        }
        BoundedDiff diff = new BoundedDiff(maxCommits, deadline);
        try (BlameGenerator generator = new BlameGenerator(repo, path.file())) {
            generator.setFollowFileRenames(true);
            generator.setDiffAlgorithm(diff);
            generator.setTextComparator(RawTextComparator.DEFAULT);
            generator.push(null, start);
            BlameResult result = BlameResult.create(generator);
            if (result == null) {
                throw new PageNotFoundException(path);
            }
            boolean complete = compute(result, deadline);
            return new Blame(path, start.name(), runs(result, path), result.getResultContents().size(), complete);
        }
    }

    private RevCommit head(RevWalk walk) throws IOException {
        ObjectId head = Snapshot.headId(repo);
        return head == null ? null : walk.parseCommit(head);
    }

    /** Computes regions until every line has its commit or a bound is reached; true if every line has one. */
    private static boolean compute(BlameResult result, Deadline deadline) throws IOException {
        try {
            while (result.computeNext() >= 0) {
                deadline.check();
            }
            return true;
        } catch (OverBudgetException | CommitsSpent stop) {
            return false;
        }
    }

    private static List<Blame.Run> runs(BlameResult result, PagePath path) {
        RawText text = result.getResultContents();
        List<Blame.Run> runs = new ArrayList<>();
        int line = 0;
        while (line < text.size()) {
            RevCommit commit = result.getSourceCommit(line);
            String sourcePath = result.getSourcePath(line);
            int end = line + 1;
            while (end < text.size() && result.getSourceCommit(end) == commit
                    && Objects.equals(result.getSourcePath(end), sourcePath)) {
                end++;
            }
            List<String> lines = new ArrayList<>(end - line);
            for (int i = line; i < end; i++) {
                lines.add(text.getString(i));
            }
            runs.add(commit == null ? new Blame.Run(null, null, null, null, null, line + 1, lines, null)
                    : run(commit, result.getSourceAuthor(line), sourcePath, path, line + 1, lines));
            line = end;
        }
        return runs;
    }

    private static Blame.Run run(RevCommit commit, PersonIdent author, String sourcePath, PagePath path,
                                 int startLine, List<String> lines) {
        PagePath then = sourcePath == null ? null : PagePath.ofFile(sourcePath);
        String previous = commit.getParentCount() > 0 ? commit.getParent(0).name() : null;
        return new Blame.Run(commit.name(), previous, Text.head(author.getName(), Change.MAX_IDENT_CHARS),
                author.getWhenAsInstant(), firstLine(commit), startLine, lines,
                then == null || then.equals(path) ? null : then);
    }

    /** The message's first line, at most {@link Blame#MESSAGE_CHARS} characters, however long the message is. */
    private static String firstLine(RevCommit commit) {
        String head = GitHistory.message(commit, Blame.MESSAGE_CHARS + 1).text();
        int newline = head.indexOf('\n');
        String first = (newline < 0 ? head : head.substring(0, newline)).stripTrailing();
        return first.length() > Blame.MESSAGE_CHARS ? Text.head(first, Blame.MESSAGE_CHARS - 1) + "…" : first;
    }

    /** The blame stopped after its number of commits. */
    private static final class CommitsSpent extends RuntimeException {
        CommitsSpent() {
            super("blame walked its number of commits", null, false, false);
        }
    }

    /** Histogram diff that counts the diffs and checks the deadline before each. */
    private static final class BoundedDiff extends DiffAlgorithm {
        private final int maxCommits;
        private final Deadline deadline;
        private int diffs;

        BoundedDiff(int maxCommits, Deadline deadline) {
            this.maxCommits = maxCommits;
            this.deadline = deadline;
        }

        /** Every diff the generator asks for, even one the common prefix and suffix settle. */
        @Override
        public <S extends Sequence> EditList diff(SequenceComparator<? super S> cmp, S a, S b) {
            deadline.check();
            if (++diffs > maxCommits) {
                throw new CommitsSpent();
            }
            return super.diff(cmp, a, b);
        }

        @Override
        public <S extends Sequence> EditList diffNonCommon(SequenceComparator<? super S> cmp, S a, S b) {
            deadline.check();
            return HISTOGRAM.diffNonCommon(cmp, a, b);
        }
    }
}
