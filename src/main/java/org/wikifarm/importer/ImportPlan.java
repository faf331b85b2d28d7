package org.wikifarm.importer;

import java.util.List;
import java.util.Map;
import org.wikifarm.tenant.AccessLevels;

/**
 * Exactly what an import creates, worked out before anything is written: what {@code --dry-run} prints and what
 * {@link Importer#run} then does, nothing more.
 *
 * @param pages          the pages of the new wiki at its head: source file → Wikifarm file
 * @param attachments    the other files carried: source file → Wikifarm file
 * @param skipped        source files (anywhere in history) that cannot be carried, with the reason in the docs
 * @param commits        how many commits the wiki's history gets (the source's, or 1 squashed)
 * @param settings       preferences carried as wiki settings: source name → what it became
 * @param notCarried     preferences with no equivalent, left behind (their names)
 * @param users          the source's users: who each becomes, and their role in the wiki
 * @param drafts         the drafts carried: page, author
 * @param droppedDrafts  drafts left behind, with why
 */
public record ImportPlan(String source, String owner, String slug, String displayName, AccessLevels access,
                         String history, Map<String, String> pages, Map<String, String> attachments,
                         List<String> skipped, int commits, Map<String, String> settings, List<String> notCarried,
                         List<PlannedUser> users, List<PlannedDraft> drafts, List<String> droppedDrafts) {

    /**
     * A source user: the farm account it maps to ({@code existing}: an account with the same email already there),
     * and its role in the wiki ({@code editor}, {@code viewer}, or null: not a member).
     */
    public record PlannedUser(String email, String username, boolean existing, String role, String reason) {
    }

    public record PlannedDraft(String page, String author, String baseRevision) {
    }
}
