package org.wikifarm.importer;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.wikifarm.error.WikifarmException.InvalidInput;
import org.wikifarm.page.PagePath;

/**
 * What an import source holds ({@code wikifarm info SOURCE}): its pages, other files and commits, its preferences
 * (secrets masked), users and drafts. Reads only.
 */
public record SourceSummary(String repository, String database, String branch, int pages, int otherFiles,
                            int commits, Map<String, String> preferences, int users, int admins, int drafts,
                            boolean usersShared) {

    public static SourceSummary of(OtterSource source) {
        OtterData data = OtterData.read(source);
        try (Repository repository = new FileRepositoryBuilder().setGitDir(source.gitDir().toFile())
                .setMustExist(true).build()) {
            ObjectId head = repository.resolve(Constants.HEAD);
            int pages = 0;
            int other = 0;
            if (head != null) {
                try (TreeWalk walk = new TreeWalk(repository)) {
                    walk.addTree(repository.parseCommit(head).getTree());
                    walk.setRecursive(true);
                    while (walk.next()) {
                        if (walk.getPathString().endsWith(PagePath.EXTENSION)) {
                            pages++;
                        } else {
                            other++;
                        }
                    }
                }
            }
            Map<String, String> preferences = new LinkedHashMap<>();
            data.preferences().forEach((name, value) -> preferences.put(name, secret(name) ? "(hidden)" : value));
            return new SourceSummary(source.repository().toString(), source.database().toString(),
                    repository.getBranch(), pages, other, head == null ? 0 : HistoryCopy.countCommits(repository,
                    head), preferences, data.users().size(),
                    (int) data.users().stream().filter(OtterData.UserRow::admin).count(), data.drafts().size(),
                    data.usersShared());
        } catch (IOException e) {
            throw new InvalidInput("unreadable_repository", "Cannot read the git repository " + source.repository()
                    + ": " + e.getMessage());
        }
    }

    private static boolean secret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.contains("PASSWORD") || upper.contains("KEY") || upper.contains("SECRET");
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Repository    %s (branch %s)%nDatabase      %s%n"
                + "Pages         %,d%nOther files   %,d%nCommits       %,d%nUsers         %,d (%,d admins)%s%n"
                + "Drafts        %,d%nPreferences   %,d%n", repository, branch, database, pages, otherFiles, commits,
                users, admins, usersShared ? " — shared by every wiki: not carried" : "", drafts,
                preferences.size()));
        preferences.forEach((name, value) -> out.append("  ").append(name).append(" = ").append(value).append('\n'));
        return out.toString();
    }
}
