package org.wikifarm.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.auth.Members;
import org.wikifarm.auth.Tokens;
import org.wikifarm.auth.WikiSettings;
import org.wikifarm.look.Look;
import org.wikifarm.look.Looks;
import org.wikifarm.search.SearchService;
import org.wikifarm.usage.UsageService;
import org.wikifarm.tenant.AccessLevel;
import org.wikifarm.tenant.TenantResolver;
import org.wikifarm.tenant.Username;
import org.wikifarm.tenant.Wiki;

/**
 * Running a wiki from the browser: {@code -/settings} (with the search index's status and a full reindex, which
 * posts to {@code -/search}), {@code -/members} and {@code -/tokens}. The services check
 * that the caller administers the wiki; a mistake in a form (unknown user, bad name) is shown on the form itself,
 * anything else goes to the error page. A change redirects back with {@code ?done=…}, except a new token: its
 * secret is shown on the answer to the POST, once.
 */
public final class WikiAdminForms {
    /** An option of a select: the value sent and the words shown. */
    public record Choice(String value, String label) {
    }

    static final List<Choice> ACCESS_LEVELS = List.of(
            new Choice(AccessLevel.ANONYMOUS.name(), "Everyone"),
            new Choice(AccessLevel.REGISTERED.name(), "Anyone signed in"),
            new Choice(AccessLevel.APPROVED.name(), "Members only"));
    private static final Set<String> DONE = Set.of("saved", "reindex", "retry", "granted", "revoked", "transferred",
            "token-revoked", "look-saved");

    private final WikiSettings settings;
    private final Members members;
    private final Tokens tokens;
    private final TenantResolver urls;
    private final SearchService search;
    private final UsageService usage;
    private final Looks looks;

    public WikiAdminForms(WikiSettings settings, Members members, Tokens tokens, TenantResolver urls,
                          SearchService search, UsageService usage, Looks looks) {
        this.looks = looks;
        this.settings = settings;
        this.search = search;
        this.usage = usage;
        this.members = members;
        this.tokens = tokens;
        this.urls = urls;
    }

    void settings(WikiRequest wiki) throws ServletException, IOException {
        if (!wiki.isPost()) {
            showSettings(wiki, settings.get(wiki.caller(), wiki.wiki()), null, 200);
            return;
        }
        WikiSettings.View saved = settings.get(wiki.caller(), wiki.wiki());
        if (wiki.param("display_name") == null) {
            throw new WikifarmException.InvalidInput("missing_field", "The form is missing 'display_name'.");
        }
        boolean isPublic = wiki.param("is_public") != null;
        String read = wiki.param("read_access");
        if (opensUp(saved, isPublic, read, wiki.param("write_access"), wiki.param("attachment_access"))
                && !wiki.confirmed(new Confirmation.Question("open " + wiki.wiki().id().value(),
                        "Open this wiki to more people?",
                        "With these settings, people who are not members of the wiki may read it, edit it or upload"
                                + " to it" + (isPublic || AccessLevel.ANONYMOUS.name().equals(read)
                                ? ", without even signing in" : "") + ". Check that this is what you want.",
                        "Save and open the wiki", wiki.actionUrl("settings", null)))) {
            return;
        }
        try {
            // The checkbox and the read select say the same thing twice: send only the one the person changed.
            settings.update(wiki.caller(), wiki.wiki(), new WikiSettings.Change(wiki.param("display_name"),
                    isPublic == saved.isPublic() ? null : isPublic,
                    read == null || read.equals(saved.readAccess().name()) ? null : read,
                    wiki.param("write_access"), wiki.param("attachment_access"), null,
                    wiki.param("wiki_link_order")));
        } catch (WikifarmException.InvalidInput problem) {
            WikiSettings.View typed = new WikiSettings.View(orElse(wiki.param("display_name"), saved.displayName()),
                    isPublic, level(read, saved.readAccess()), level(wiki.param("write_access"), saved.writeAccess()),
                    level(wiki.param("attachment_access"), saved.attachmentAccess()), saved.paymentStatus(),
                    saved.customSlug(), orElse(wiki.param("wiki_link_order"), saved.wikiLinkOrder()));
            showSettings(wiki, typed, "inconsistent_settings".equals(problem.code())
                    ? "A public wiki is read by everyone: to make it public, let Everyone read pages; otherwise"
                            + " untick Public."
                    : problem.getMessage(), 400);
            return;
        }
        wiki.redirect(wiki.actionUrl("settings", null) + "?done=saved");
    }

    /** Whether the change lets more people read, edit or upload than the saved settings do. */
    private static boolean opensUp(WikiSettings.View saved, boolean isPublic, String read, String write,
                                   String attachment) {
        return (isPublic && !saved.isPublic()) || wider(read, saved.readAccess()) || wider(write, saved.writeAccess())
                || wider(attachment, saved.attachmentAccess());
    }

    /** ANONYMOUS is wider than REGISTERED, which is wider than APPROVED; a value that is not a level is not. */
    private static boolean wider(String value, AccessLevel saved) {
        return level(value, saved).reach() > saved.reach();
    }

    private void showSettings(WikiRequest wiki, WikiSettings.View view, String problem, int status)
            throws ServletException, IOException {
        wiki.request().setAttribute("settings", view);
        wiki.request().setAttribute("accessLevels", ACCESS_LEVELS);
        wiki.request().setAttribute("status", search.status(wiki.caller(), wiki.wiki()));
        wiki.request().setAttribute("cloneUrl", cloneUrl(wiki));
        wiki.request().setAttribute("usage", usage.stats(wiki.caller(), wiki.wiki()));
        render(wiki, "wikiadmin/settings", problem, status);
    }

    /**
     * {@code -/look}: the wiki's home page, its menu and extra CSS. A refused change keeps everything typed, with the
     * reason above the form.
     */
    void look(WikiRequest wiki) throws ServletException, IOException {
        if (!wiki.isPost()) {
            Look look = looks.get(wiki.caller(), wiki.wiki());
            showLook(wiki, look.homePage().value(), look.menuText(), look.css(), look.logo(), null, 200);
            return;
        }
        String home = wiki.param("home_page");
        String menu = wiki.param("menu");
        String css = wiki.param("css");
        String logo = wiki.param("logo");
        try {
            looks.update(wiki.caller(), wiki.wiki(), new Looks.Change(home, menu, css, logo));
        } catch (WikifarmException.InvalidInput problem) {
            showLook(wiki, home, menu, css, logo, problem.getMessage(), 400);
            return;
        }
        wiki.redirect(wiki.actionUrl("look", null) + "?done=look-saved");
    }

    private static void showLook(WikiRequest wiki, String home, String menu, String css, String logo, String problem,
                                 int status) throws ServletException, IOException {
        wiki.request().setAttribute("logoPath", logo);
        wiki.request().setAttribute("homePage", home);
        wiki.request().setAttribute("menuText", menu);
        wiki.request().setAttribute("cssText", css);
        wiki.request().setAttribute("maxMenuLinks", org.wikifarm.look.MenuLink.MAX_LINKS);
        wiki.request().setAttribute("maxCssKb", org.wikifarm.look.CssCheck.MAX_BYTES / 1024);
        render(wiki, "wikiadmin/look", problem, status);
    }

    void members(WikiRequest wiki) throws ServletException, IOException {
        if (!wiki.isPost()) {
            showMembers(wiki, null, 200);
            return;
        }
        requireAdmin(wiki);
        String action = String.valueOf(wiki.param("action"));
        String username = wiki.param("username") == null ? null : wiki.param("username").strip();
        String scope = action + " " + wiki.wiki().id().value() + " " + username;
        try {
            switch (action) {
                case "grant" -> members.grant(wiki.caller(), wiki.wiki(), username, wiki.param("role"));
                case "revoke" -> {
                    if (!wiki.confirmed(new Confirmation.Question(scope, "Remove " + username + " from this wiki?",
                            username + " loses their role here at once; the wiki's own access levels still apply to"
                                    + " them like to anyone else.", "Remove " + username,
                            wiki.actionUrl("members", null)))) {
                        return;
                    }
                    members.revoke(wiki.caller(), wiki.wiki(), username);
                }
                case "transfer" -> {
                    if (wiki.param("confirm") == null) {
                        throw new WikifarmException.InvalidInput("unconfirmed",
                                "Tick the box to confirm that you are giving this wiki away.");
                    }
                    if (!wiki.confirmed(new Confirmation.Question(scope, "Give this wiki to " + username + "?",
                            username + " becomes its owner and its address moves to theirs; you stay on as an editor"
                                    + " and can no longer run it. Only they can give it back.",
                            "Transfer the wiki to " + username, wiki.actionUrl("members", null)))) {
                        return;
                    }
                    members.grant(wiki.caller(), wiki.wiki(), username, "owner");
                }
                default -> throw new WikifarmException.InvalidInput("invalid_action",
                        "The form asked for an action this screen does not know.");
            }
        } catch (WikifarmException failure) {
            if (!shownOnForm(failure)) {
                throw failure;
            }
            wiki.request().setAttribute("typedUsername", username);
            wiki.request().setAttribute("typedRole", wiki.param("role"));
            wiki.request().setAttribute("failedAction", action);
            showMembers(wiki, failure.getMessage(), ErrorStatus.of(failure));
            return;
        }
        if (action.equals("transfer")) {
            // In path mode the wiki's address names its owner, so it has moved. The former owner stays on as an
            // editor and can no longer run it: they land on the wiki itself.
            String movedTo = urls.baseUrl(withOwner(wiki.wiki(), username));
            wiki.redirect(members.administers(wiki.caller(), wiki.wiki().id()) ? movedTo + "/-/members?done=transferred"
                    : movedTo + "/");
            return;
        }
        wiki.redirect(wiki.actionUrl("members", null) + "?done=" + (action.equals("grant") ? "granted" : "revoked"));
    }

    private void showMembers(WikiRequest wiki, String problem, int status)
            throws ServletException, IOException {
        wiki.request().setAttribute("members", members.list(wiki.caller(), wiki.wiki()));
        render(wiki, "wikiadmin/members", problem, status);
    }

    void tokens(WikiRequest wiki) throws ServletException, IOException {
        if (!wiki.isPost()) {
            showTokens(wiki, null, 200);
            return;
        }
        requireAdmin(wiki);
        String action = String.valueOf(wiki.param("action"));
        try {
            switch (action) {
                case "create" -> {
                    Tokens.Issued issued = tokens.create(wiki.caller(), wiki.wiki(), wiki.param("name"),
                            wiki.param("role"));
                    // The secret is on this answer and nowhere else: keep it out of every cache.
                    wiki.response().setHeader("Cache-Control", "no-store");
                    wiki.request().setAttribute("issued", issued);
                    showTokens(wiki, null, 200);
                    return;
                }
                case "revoke" -> {
                    if (!wiki.confirmed(new Confirmation.Question("revoke-token " + wiki.wiki().id().value() + " "
                            + wiki.param("id"), "Revoke this token?", "Every program that uses it stops working at"
                            + " once. A revoked token cannot be brought back; make a new one instead.",
                            "Revoke the token", wiki.actionUrl("tokens", null)))) {
                        return;
                    }
                    tokens.revoke(wiki.caller(), wiki.wiki(), wiki.param("id"));
                }
                default -> throw new WikifarmException.InvalidInput("invalid_action",
                        "The form asked for an action this screen does not know.");
            }
        } catch (WikifarmException failure) {
            if (!shownOnForm(failure)) {
                throw failure;
            }
            wiki.request().setAttribute("typedName", wiki.param("name"));
            wiki.request().setAttribute("typedRole", wiki.param("role"));
            showTokens(wiki, failure.getMessage(), ErrorStatus.of(failure));
            return;
        }
        wiki.redirect(wiki.actionUrl("tokens", null) + "?done=token-revoked");
    }

    private void showTokens(WikiRequest wiki, String problem, int status)
            throws ServletException, IOException {
        wiki.request().setAttribute("tokens", tokens.list(wiki.caller(), wiki.wiki()));
        wiki.request().setAttribute("cloneUrl", cloneUrl(wiki));
        render(wiki, "wikiadmin/tokens", problem, status);
    }

    /**
     * The address {@code git clone} takes for this wiki, absolute: in host mode the wiki's scheme-relative git URL
     * with this request's scheme, in path mode this request's origin and context path in front of it.
     */
    private String cloneUrl(WikiRequest wiki) {
        String url = urls.gitUrl(wiki.wiki());
        String scheme = wiki.request().getScheme();
        if (url.startsWith("//")) {
            return scheme + ":" + url;
        }
        return scheme + "://" + wiki.request().getHeader("Host") + wiki.request().getContextPath() + url;
    }

    private static void render(WikiRequest wiki, String view, String problem, int status)
            throws ServletException, IOException {
        String done = wiki.param("done");
        wiki.request().setAttribute("done", problem == null && done != null && DONE.contains(done) ? done : null);
        wiki.request().setAttribute("problem", problem);
        wiki.request().setAttribute("canAdmin", true);
        wiki.render(view, status);
    }

    /** Before a confirmation screen is shown: only the wiki's administrators get that far. */
    private void requireAdmin(WikiRequest wiki) {
        settings.get(wiki.caller(), wiki.wiki());
    }

    /** Mistakes the person can fix on the form; permission failures go to the error page instead. */
    private static boolean shownOnForm(WikifarmException failure) {
        return failure instanceof WikifarmException.InvalidInput || failure instanceof WikifarmException.NotFound
                || failure instanceof WikifarmException.Conflict;
    }

    /** The wiki as its new owner's: only the parts of its address matter here. */
    private static Wiki withOwner(Wiki wiki, String owner) {
        return new Wiki(wiki.id(), wiki.ownerId(), new Username(owner), wiki.slug(), wiki.customSlug(),
                wiki.displayName(), wiki.access(), wiki.paymentStatus(), wiki.createdAt(), wiki.lastAccessed(),
                wiki.pageCount());
    }

    private static AccessLevel level(String value, AccessLevel fallback) {
        try {
            return value == null ? fallback : AccessLevel.parse("level", value);
        } catch (WikifarmException.InvalidInput e) {
            return fallback;
        }
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
