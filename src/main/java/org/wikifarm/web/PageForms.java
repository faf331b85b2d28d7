package org.wikifarm.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.Optional;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.page.Draft;
import org.wikifarm.page.Page;
import org.wikifarm.page.PageNotFoundException;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PageService;
import org.wikifarm.page.StaleRevisionException;

/**
 * The changing screens of a wiki: edit (with live preview and autosaved drafts), save (with the conflict screen when
 * someone else saved first), delete, rename, revert. GET shows a form; POST does the change and redirects.
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

    void edit(WikiRequest wiki) throws ServletException, IOException {
        if (wiki.isPost()) {
            save(wiki);
            return;
        }
        requireWrite(wiki);
        Optional<Page> page = current(wiki);
        showEditor(wiki, page, page.map(Page::content).orElse(""), null, page.map(Page::revision).orElse(""), null,
                200);
    }

    /** The edit screen with this text in it: the page's own, or what the person typed when a save failed. */
    private void showEditor(WikiRequest wiki, Optional<Page> page, String content, String message, String revision,
                            String problem, int status) throws ServletException, IOException {
        wiki.request().setAttribute("content", content);
        wiki.request().setAttribute("message", message);
        wiki.request().setAttribute("revision", revision);
        wiki.request().setAttribute("problem", problem);
        wiki.request().setAttribute("maxFormBytes", maxFormBytes);
        if (wiki.caller().anonymous()) {
            // Anonymous editing (WRITE_ACCESS = ANONYMOUS) keeps no drafts, but the form still needs its token.
            wiki.request().setAttribute("csrf", Csrf.token(wiki.request()));
        } else {
            Optional<Draft> draft = pages.draft(wiki.caller(), wiki.wiki(), wiki.path())
                    .filter(d -> !d.content().equals(page.map(Page::content).orElse("")));
            wiki.request().setAttribute("draft", draft.orElse(null));
        }
        wiki.render("page/edit", status);
    }

    private void save(WikiRequest wiki) throws ServletException, IOException {
        String content = normalizeNewlines(required(wiki.param("content"), "content"));
        String message = wiki.param("message");
        try {
            pages.save(wiki.caller(), wiki.wiki(), wiki.path(), content, wiki.param("revision"), message);
        } catch (StaleRevisionException stale) {
            Optional<Page> current = current(wiki);
            wiki.request().setAttribute("current", current.orElse(null));
            wiki.request().setAttribute("content", content);
            wiki.request().setAttribute("message", message);
            wiki.request().setAttribute("diff", DiffView.parse(
                    PageService.compare(wiki.path(), current.map(Page::content).orElse(""), content)));
            wiki.render("page/conflict", 409);
            return;
        } catch (WikifarmException failure) {
            if (failure instanceof WikifarmException.Unauthenticated || failure instanceof WikifarmException.Forbidden) {
                throw failure;
            }
            // Whatever went wrong (a message too long, the page too large, a wiki over its limits), the person's
            // text comes back in the editor with the reason above it.
            showEditor(wiki, current(wiki), content, message, wiki.param("revision"), failure.getMessage(),
                    ErrorStatus.of(failure));
            return;
        }
        if (!wiki.caller().anonymous()) {
            pages.deleteDraft(wiki.caller(), wiki.wiki(), wiki.path());
        }
        wiki.redirect(wiki.pageUrl(wiki.path()));
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
        String answer;
        if (wiki.param("discard") != null) {
            pages.deleteDraft(wiki.caller(), wiki.wiki(), wiki.path());
            answer = "{\"discarded\":true}";
        } else {
            Draft draft = pages.saveDraft(wiki.caller(), wiki.wiki(), wiki.path(),
                    normalizeNewlines(required(wiki.param("content"), "content")), wiki.param("revision"),
                    integer(wiki.param("cursor_line")), integer(wiki.param("cursor_ch")));
            answer = "{\"saved\":\"" + draft.datetime() + "\"}";
        }
        wiki.response().setContentType("application/json");
        wiki.response().getWriter().write(answer);
    }

    /** GET: the delete screen, which is the confirmation; POST: deletes, but only from that screen. */
    void delete(WikiRequest wiki) throws ServletException, IOException {
        requireWrite(wiki);
        String scope = "delete " + wiki.wiki().id().value() + " " + wiki.path().value();
        if (wiki.isPost()) {
            if (!wiki.confirmed(new Confirmation.Question(scope, "Delete " + wiki.path().value() + "?",
                    "The page disappears from the wiki. Its history stays, and it can be brought back by reverting"
                            + " the deletion in the changes.", "Delete the page", wiki.pageUrl(wiki.path())))) {
                return;
            }
            pages.delete(wiki.caller(), wiki.wiki(), wiki.path(), wiki.param("revision"), wiki.param("message"));
            wiki.redirect(wiki.tenant().basePath() + "/");
            return;
        }
        Page page = current(wiki).orElseThrow(() -> new PageNotFoundException(wiki.path()));
        wiki.request().setAttribute("page", page);
        wiki.request().setAttribute("confirmation", Confirmation.codeFor(wiki.request(), scope,
                java.util.Map.of("revision", page.revision())));
        wiki.render("page/delete", 200);
    }

    void rename(WikiRequest wiki) throws ServletException, IOException {
        requireWrite(wiki);
        if (wiki.isPost()) {
            PagePath target = new PagePath(required(wiki.param("new_path"), "new_path").strip());
            pages.rename(wiki.caller(), wiki.wiki(), wiki.path(), target, wiki.param("message"));
            wiki.redirect(wiki.pageUrl(target));
            return;
        }
        current(wiki).orElseThrow(() -> new PageNotFoundException(wiki.path()));
        wiki.render("page/rename", 200);
    }

    void revert(WikiRequest wiki) {
        if (!wiki.isPost()) {
            throw new WikifarmException.InvalidInput("post_required", "Reverting is done with the history's buttons.");
        }
        PageService.Reverted reverted = pages.revert(wiki.caller(), wiki.wiki(), wiki.path(),
                required(wiki.param("revision"), "revision"), wiki.param("message"));
        wiki.redirect(reverted.page().isPresent() ? wiki.pageUrl(wiki.path()) : wiki.tenant().basePath() + "/");
    }

    private Optional<Page> current(WikiRequest wiki) {
        try {
            return Optional.of(pages.read(wiki.caller(), wiki.wiki(), wiki.path(), null));
        } catch (PageNotFoundException e) {
            return Optional.empty();
        }
    }

    private void requireWrite(WikiRequest wiki) {
        pages.requireWrite(wiki.caller(), wiki.wiki());
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
