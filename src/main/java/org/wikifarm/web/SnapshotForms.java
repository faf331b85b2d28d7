package org.wikifarm.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.Set;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.snapshot.SnapshotService;
import org.wikifarm.tenant.TenantResolver;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.store.WikiSnapshots;
import org.wikifarm.usage.Bytes;

/**
 * {@code -/snapshots}: a wiki's snapshots in the browser, for its administrators — take one, download, and, each after
 * a confirmation screen of its own ({@link Confirmation}), restore one over the wiki, restore one as a new wiki, delete
 * one. A refusal the person can act on (too many snapshots, a damaged or foreign snapshot, a taken name, the quota) is
 * shown on the screen with what they typed; anything else goes to the error page.
 */
public final class SnapshotForms {
    private static final Set<String> DONE = Set.of("taken", "restored", "deleted");

    private final SnapshotService snapshots;
    private final TenantResolver urls;

    public SnapshotForms(SnapshotService snapshots, TenantResolver urls) {
        this.snapshots = snapshots;
        this.urls = urls;
    }

    void snapshots(WikiRequest wiki) throws ServletException, IOException {
        if (!wiki.isPost()) {
            show(wiki, null, 200);
            return;
        }
        // Only the wiki's administrators get as far as a confirmation screen.
        snapshots.list(wiki.caller(), wiki.wiki());
        String action = String.valueOf(wiki.param("action"));
        String id = wiki.param("id");
        String scope = "snapshot-" + action + " " + wiki.wiki().id().value() + " " + id;
        String back = wiki.actionUrl("snapshots", null);
        try {
            switch (action) {
                case "take" -> {
                    snapshots.take(wiki.caller(), wiki.wiki());
                    wiki.redirect(back + "?done=taken");
                }
                case "restore" -> {
                    if (!wiki.confirmed(new Confirmation.Question(scope, "Restore this wiki to snapshot " + id + "?",
                            "Every page goes back to how it was when the snapshot was taken: changes made since are"
                                    + " gone (take a snapshot first to keep them). The wiki is closed for a moment"
                                    + " while its files are swapped.", "Restore the wiki", back))) {
                        return;
                    }
                    snapshots.restore(wiki.caller(), wiki.wiki(), id);
                    wiki.redirect(back + "?done=restored");
                }
                case "copy" -> {
                    String slug = wiki.param("slug") == null ? "" : wiki.param("slug").strip();
                    if (slug.isEmpty()) {
                        throw new WikifarmException.InvalidInput("missing_field", "Give the new wiki a name.");
                    }
                    if (!wiki.confirmed(new Confirmation.Question(scope + " " + slug,
                            "Restore snapshot " + id + " as a new wiki named " + slug + "?",
                            "A new private wiki of yours is made with the pages of the snapshot. This wiki stays as it"
                                    + " is.", "Make the new wiki", back))) {
                        return;
                    }
                    Wiki copy = snapshots.restoreAsCopy(wiki.caller(), wiki.wiki(), id, slug, wiki.param("name"));
                    wiki.redirect(urls.baseUrl(copy) + "/");
                }
                case "delete" -> {
                    if (!wiki.confirmed(new Confirmation.Question(scope, "Delete snapshot " + id + "?",
                            "The snapshot's files are removed; it cannot be restored afterwards.",
                            "Delete the snapshot", back))) {
                        return;
                    }
                    snapshots.delete(wiki.caller(), wiki.wiki(), id);
                    wiki.redirect(back + "?done=deleted");
                }
                default -> throw new WikifarmException.InvalidInput("invalid_action",
                        "The form asked for an action this screen does not know.");
            }
        } catch (WikifarmException failure) {
            if (!shownOnForm(failure)) {
                throw failure;
            }
            wiki.request().setAttribute("typedSlug", wiki.param("slug"));
            wiki.request().setAttribute("typedName", wiki.param("name"));
            wiki.request().setAttribute("failedId", id);
            show(wiki, failure.getMessage(), ErrorStatus.of(failure));
        }
    }

    /** A snapshot on the screen, with its size as people read it. */
    public record Line(WikiSnapshots.Snapshot snapshot, String size) {
        public String id() {
            return snapshot.id();
        }

        public boolean damaged() {
            return snapshot.damaged();
        }

        public WikiSnapshots.Manifest manifest() {
            return snapshot.manifest();
        }
    }

    private void show(WikiRequest wiki, String problem, int status) throws ServletException, IOException {
        wiki.request().setAttribute("snapshots", snapshots.list(wiki.caller(), wiki.wiki()).stream()
                .map(s -> new Line(s, s.damaged() ? null : Bytes.human(s.manifest().bytes()))).toList());
        String done = wiki.param("done");
        wiki.request().setAttribute("done", problem == null && done != null && DONE.contains(done) ? done : null);
        wiki.request().setAttribute("problem", problem);
        wiki.request().setAttribute("canAdmin", true);
        wiki.render("wikiadmin/snapshots", status);
    }

    private static boolean shownOnForm(WikifarmException failure) {
        return failure instanceof WikifarmException.InvalidInput || failure instanceof WikifarmException.NotFound
                || failure instanceof WikifarmException.Conflict || failure instanceof WikifarmException.TooLarge
                || failure instanceof WikifarmException.Unavailable;
    }
}
