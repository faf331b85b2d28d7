package org.wikifarm.look;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.Permission;
import org.wikifarm.auth.Permissions;
import org.wikifarm.error.WikifarmException.InvalidInput;
import org.wikifarm.page.PagePath;
import org.wikifarm.store.PerWikiMemory;
import org.wikifarm.store.TenantId;
import org.wikifarm.store.WikiPreference;
import org.wikifarm.store.WikiSessions;
import org.wikifarm.tenant.Wiki;

/**
 * Reading and changing a wiki's {@link Look}. It is kept in the wiki's own {@code wiki.db} (preferences
 * {@code LOOK_HOME}, {@code LOOK_MENU}, {@code LOOK_CSS}) and read by every screen of the wiki, so what was read is
 * remembered per wiki ({@link PerWikiMemory}) for at most {@code rememberFor} (the setting
 * {@code authCacheSeconds}: the bound after which another node's change shows here); a change on this node shows at
 * once. Only the wiki's administrators change it ({@link Permissions}).
 */
public final class Looks {
    static final String HOME = "LOOK_HOME";
    static final String MENU = "LOOK_MENU";
    static final String CSS = "LOOK_CSS";
    static final String LOGO = "LOOK_LOGO";

    private final WikiSessions sessions;
    private final Permissions permissions;

    private final PerWikiMemory<Look> remembered;

    public Looks(WikiSessions sessions, Permissions permissions, Clock clock, Duration rememberFor) {
        this.sessions = sessions;
        this.permissions = permissions;
        this.remembered = new PerWikiMemory<>(clock, rememberFor);
    }

    /**
     * The wiki's look, for showing it (no decision: a screen of the wiki makes its own). A look that can no longer be
     * read as saved (say, written by a newer version) shows as the default rather than breaking the wiki.
     */
    public Look of(TenantId wiki) {
        return remembered.get(wiki, this::read);
    }

    private Look read(TenantId wiki) {
        return sessions.inTransaction(wiki, session -> {
            WikiPreference home = session.find(WikiPreference.class, HOME);
            WikiPreference menu = session.find(WikiPreference.class, MENU);
            WikiPreference css = session.find(WikiPreference.class, CSS);
            WikiPreference logo = session.find(WikiPreference.class, LOGO);
            try {
                return Look.of(home == null ? Look.DEFAULT_HOME : new PagePath(home.value()),
                        MenuLink.parse(menu == null ? null : menu.value()),
                        css == null ? "" : CssCheck.check(css.value()),
                        logo == null ? "" : logo(logo.value()));
            } catch (InvalidInput stale) {
                return Look.DEFAULT;
            }
        });
    }

    /** The look, for the wiki's administrators' screen and API. */
    public Look get(Caller caller, Wiki wiki) {
        permissions.require(caller, wiki, Permission.ADMIN);
        return of(wiki.id());
    }

    /** A change of the look: each part given replaces what was there; null leaves it. */
    public record Change(String homePage, String menu, String css, String logo) {
    }

    /** Checks every part first, then stores them together; a refused change stores nothing. */
    public Look update(Caller caller, Wiki wiki, Change change) {
        permissions.require(caller, wiki, Permission.ADMIN);
        Look current = of(wiki.id());
        PagePath home = change.homePage() == null ? current.homePage()
                : change.homePage().isBlank() ? Look.DEFAULT_HOME : homePage(change.homePage());
        List<MenuLink> menu = change.menu() == null ? current.menu() : MenuLink.parse(lines(change.menu()));
        String css = change.css() == null ? current.css() : CssCheck.check(lines(change.css()));
        String logo = change.logo() == null ? current.logo() : logo(change.logo());
        Look next = Look.of(home, menu, css, logo);
        sessions.inTransaction(wiki.id(), session -> {
            WikiPreference.put(session, HOME, home.value());
            WikiPreference.put(session, MENU, next.menuText());
            WikiPreference.put(session, CSS, css);
            WikiPreference.put(session, LOGO, logo);
            return null;
        });
        remembered.put(wiki.id(), next);
        return next;
    }

    private static PagePath homePage(String value) {
        try {
            return new PagePath(value.strip());
        } catch (InvalidInput bad) {
            throw new InvalidInput("invalid_home_page", "The home page must be a page name: " + bad.getMessage());
        }
    }

    /**
     * The logo: an image attached to a page, named {@code Page/file.png} ("" for none). Only its form is checked
     * here; a file that is missing or not an image shows no logo (the image is served as any attachment is).
     */
    private static String logo(String value) {
        String logo = value.strip();
        if (logo.isEmpty()) {
            return "";
        }
        int slash = logo.lastIndexOf('/');
        try {
            PagePath path = new PagePath(logo);
            if (slash < 1) {
                throw new InvalidInput("invalid_logo", "no page");
            }
            return path.value();
        } catch (InvalidInput bad) {
            throw new InvalidInput("invalid_logo",
                    "The logo is an image attached to a page, written as Page/file.png.");
        }
    }

    /** Browsers send CRLF from text areas; the look keeps LF. */
    private static String lines(String text) {
        return text.replace("\r\n", "\n");
    }
}
