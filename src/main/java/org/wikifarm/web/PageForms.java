package org.wikifarm.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.Optional;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.page.Draft;
import org.wikifarm.page.EditorSave;
import org.wikifarm.page.Editing;
import org.wikifarm.page.Page;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PageService;
import org.wikifarm.page.Renamed;
import org.wikifarm.page.Reverted;

/**
 * The changing screens of a wiki: edit (with live preview and autosaved drafts), save (with the conflict screen when
 * someone else saved first), delete, rename (optionally updating the links to the page), revert, restore. GET shows a
 * form; POST does the change and redirects. Each handler is one {@link PageService} call; a handler that only chooses
 * between others (GET or POST) makes none.
 */
public final class PageForms {
    private final PageService pages;
    private final PageScreens screens;
    private final long maxFormBytes;

    /** @param maxFormBytes the largest form the server takes ({@code maxBodyBytes}): the editor checks it first */
    public PageForms(PageService pages, PageScreens screens, long maxFormBytes) {
        this.pages = pages;
        this.screens = screens;
        this.maxFormBytes = maxFormBytes;
    }

    /** GET shows the editor; POST saves. */
    void edit(WikiRequest wiki) throws ServletException, IOException {
        if (wiki.isPost()) {
            save(wiki);
            return;
        }
        openEditor(wiki);
    }

    void openEditor(WikiRequest wiki) throws ServletException, IOException {
        Editing editing = pages.editor(wiki.caller(), wiki.wiki(), wiki.path());
        Optional<Page> page = editing.page();
        showEditor(wiki, page, editing.draft(), page.map(Page::content).orElse(""), null,
                page.map(Page::revision).orElse(""), null, 200);
    }

    /** The edit screen with this text in it: the page's own, or what the person typed when a save failed. */
    private void showEditor(WikiRequest wiki, Optional<Page> page, Optional<Draft> draft, String content,
                            String message, String revision, String problem, int status)
            throws ServletException, IOException {
        wiki.request().setAttribute("content", content);
        wiki.request().setAttribute("message", message);
        wiki.request().setAttribute("revision", revision);
        wiki.request().setAttribute("problem", problem);
        wiki.request().setAttribute("maxFormBytes", maxFormBytes);
        if (wiki.caller().anonymous()) {
            // Anonymous editing (WRITE_ACCESS = ANONYMOUS) keeps no drafts, but the form still needs its token.
            wiki.request().setAttribute("csrf", Csrf.token(wiki.request()));
        } else {
            String saved = page.map(Page::content).orElse("");
            wiki.request().setAttribute("draft", draft.filter(d -> !d.content().equals(saved)).orElse(null));
        }
        wiki.render("page/edit", status);
    }

    /**
     * Saves from the editor. When the save is refused — someone else saved first (the conflict screen), a message
     * too long, the page too large, a wiki over its limits — the person's text comes back with the reason.
     */
    void save(WikiRequest wiki) throws ServletException, IOException {
        String content = normalizeNewlines(required(wiki.param("content"), "content"));
        String message = wiki.param("message");
        EditorSave outcome = pages.publish(wiki.caller(), wiki.wiki(), wiki.path(), content, wiki.param("revision"),
                message);
        if (outcome.saved() != null) {
            wiki.redirect(wiki.pageUrl(wiki.path()));
        } else if (outcome.isStale()) {
            wiki.request().setAttribute("current", outcome.current().orElse(null));
            wiki.request().setAttribute("content", content);
            wiki.request().setAttribute("message", message);
            wiki.request().setAttribute("diff", DiffView.parse(outcome.conflict()));
            wiki.render("page/conflict", 409);
        } else {
            showEditor(wiki, outcome.current(), outcome.draft(), content, message, wiki.param("revision"),
                    outcome.refused().getMessage(), ErrorStatus.of(outcome.refused()));
        }
    }

    /** {@code -/new?path=…}: the index's "create page" box. */
    void startNew(WikiRequest wiki) {
        PagePath path = new PagePath(required(wiki.param("path"), "path").strip());
        wiki.redirect(wiki.actionUrl("edit", path));
    }

    void preview(WikiRequest wiki) throws IOException {
        if (!wiki.isPost()) {
            throw new WikifarmException.InvalidInput("post_required", "Send the text to preview with POST.");
        }
        String html = screens.preview(wiki, required(wiki.param("content"), "content"));
        wiki.response().setContentType("text/html;charset=UTF-8");
        wiki.response().getWriter().write(html);
    }

    /** POST: autosave the caller's draft (or discard it with {@code discard=1}); answers JSON for the editor. */
    void draft(WikiRequest wiki) throws IOException {
        if (!wiki.isPost()) {
            throw new WikifarmException.InvalidInput("post_required", "Drafts are saved with POST.");
        }
        if (wiki.param("discard") != null) {
            discardDraft(wiki);
        } else {
            saveDraft(wiki);
        }
    }

    void saveDraft(WikiRequest wiki) throws IOException {
        Draft draft = pages.saveDraft(wiki.caller(), wiki.wiki(), wiki.path(),
                normalizeNewlines(required(wiki.param("content"), "content")), wiki.param("revision"),
                integer(wiki.param("cursor_line")), integer(wiki.param("cursor_ch")));
        answerJson(wiki, "{\"saved\":\"" + draft.datetime() + "\"}");
    }

    void discardDraft(WikiRequest wiki) throws IOException {
        pages.deleteDraft(wiki.caller(), wiki.wiki(), wiki.path());
        answerJson(wiki, "{\"discarded\":true}");
    }

    private static void answerJson(WikiRequest wiki, String answer) throws IOException {
        wiki.response().setContentType("application/json");
        wiki.response().getWriter().write(answer);
    }

    /**
     * GET: the delete screen, which is the confirmation; POST: deletes, but only from that screen — any other POST
     * gets the confirmation screen first.
     */
    void delete(WikiRequest wiki) throws ServletException, IOException {
        if (!wiki.isPost()) {
            showDelete(wiki);
        } else if (wiki.carriesConfirmation(deleteScope(wiki))) {
            deletePage(wiki);
        } else {
            confirmDelete(wiki);
        }
    }

    void showDelete(WikiRequest wiki) throws ServletException, IOException {
        Page page = pages.readToChange(wiki.caller(), wiki.wiki(), wiki.path());
        wiki.request().setAttribute("page", page);
        wiki.request().setAttribute("confirmation", Confirmation.codeFor(wiki.request(), deleteScope(wiki),
                java.util.Map.of("revision", page.revision())));
        wiki.render("page/delete", 200);
    }

    void deletePage(WikiRequest wiki) {
        pages.delete(wiki.caller(), wiki.wiki(), wiki.path(), wiki.param("revision"), wiki.param("message"));
        wiki.redirect(wiki.tenant().basePath() + "/");
    }

    /** Only a writer gets as far as the question. */
    void confirmDelete(WikiRequest wiki) throws ServletException, IOException {
        pages.requireWrite(wiki.caller(), wiki.wiki());
        wiki.askToConfirm(new Confirmation.Question(deleteScope(wiki), "Delete " + wiki.path().value() + "?",
                "The page disappears from the wiki. Its history stays, and its address (linked from the changes)"
                        + " offers to restore it in one click.", "Delete the page", wiki.pageUrl(wiki.path())));
    }

    private static String deleteScope(WikiRequest wiki) {
        return "delete " + wiki.wiki().id().value() + " " + wiki.path().value();
    }

    /** GET: the rename screen; POST: renames. */
    void rename(WikiRequest wiki) throws ServletException, IOException {
        if (wiki.isPost()) {
            renamePage(wiki);
        } else {
            showRename(wiki);
        }
    }

    void showRename(WikiRequest wiki) throws ServletException, IOException {
        pages.readToChange(wiki.caller(), wiki.wiki(), wiki.path());
        showRenameForm(wiki, wiki.path().value(), true, null, null, 200);
    }

    /** The rename form with what it holds: the page's name, or what the person typed when a rename was refused. */
    private static void showRenameForm(WikiRequest wiki, String newPath, boolean relink, String message,
                                       String problem, int status) throws ServletException, IOException {
        wiki.request().setAttribute("newPath", newPath);
        wiki.request().setAttribute("relink", relink);
        wiki.request().setAttribute("message", message);
        wiki.request().setAttribute("problem", problem);
        if (wiki.caller().anonymous()) {
            wiki.request().setAttribute("csrf", Csrf.token(wiki.request()));
        }
        wiki.render("page/rename", status);
    }

    /**
     * Renames, pointing the links in every page at the new name when the form's box is checked. A name that is not
     * valid or already taken (or a relinked page over its limits) brings the form back with what was typed and the
     * reason next to the field; when links were updated, the result screen names the pages.
     */
    void renamePage(WikiRequest wiki) throws ServletException, IOException {
        String typed = required(wiki.param("new_path"), "new_path").strip();
        boolean relink = wiki.param("relink") != null;
        String message = wiki.param("message");
        Renamed renamed;
        try {
            renamed = pages.rename(wiki.caller(), wiki.wiki(), wiki.path(), new PagePath(typed), message, relink);
        } catch (WikifarmException.InvalidInput | WikifarmException.Conflict | WikifarmException.TooLarge refused) {
            showRenameForm(wiki, typed, relink, message, refused.getMessage(), ErrorStatus.of(refused));
            return;
        }
        PagePath target = renamed.page().path();
        if (renamed.relinked().isEmpty()) {
            wiki.redirect(wiki.pageUrl(target));
            return;
        }
        wiki.request().setAttribute("renamed", renamed);
        wiki.request().setAttribute("target", target);
        wiki.render("page/renamed", 200);
    }

    /** POST: brings a deleted page back as it last was (the button on its missing-page screen), then shows it. */
    void restore(WikiRequest wiki) {
        if (!wiki.isPost()) {
            throw new WikifarmException.InvalidInput("post_required", "A page is restored with its Restore button.");
        }
        pages.restore(wiki.caller(), wiki.wiki(), wiki.path(), wiki.param("message"));
        wiki.redirect(wiki.pageUrl(wiki.path()));
    }

    void revert(WikiRequest wiki) {
        if (!wiki.isPost()) {
            throw new WikifarmException.InvalidInput("post_required", "Reverting is done with the history's buttons.");
        }
        Reverted reverted = pages.revert(wiki.caller(), wiki.wiki(), wiki.path(),
                required(wiki.param("revision"), "revision"), wiki.param("message"));
        wiki.redirect(reverted.page().isPresent() ? wiki.pageUrl(wiki.path()) : wiki.tenant().basePath() + "/");
    }

    /** Browsers send CRLF from text areas; the wiki stores LF so diffs show only real changes. */
    private static String normalizeNewlines(String text) {
        return text.replace("\r\n", "\n");
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw new WikifarmException.InvalidInput("missing_field", "The form is missing '" + field + "'.");
        }
        return value;
    }

    private static Integer integer(String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new WikifarmException.InvalidInput("invalid_number", "'" + value + "' is not a whole number.");
        }
    }
}
