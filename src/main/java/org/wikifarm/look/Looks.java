package org.wikifarm.look;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.Permission;
import org.wikifarm.auth.Permissions;
import org.wikifarm.error.WikifarmException.InvalidInput;
import org.wikifarm.page.PagePath;
import org.wikifarm.store.TenantId;
import org.wikifarm.store.WikiPreference;
import org.wikifarm.store.WikiSessions;
import org.wikifarm.tenant.Wiki;

/**
 * Reading and changing a wiki's {@link Look}. It is kept in the wiki's own {@code wiki.db} (preferences
 * {@code LOOK_HOME}, {@code LOOK_MENU}, {@code LOOK_CSS}) and read by every screen of the wiki, so what was read is
 * remembered per wiki — at most {@value #REMEMBERED} wikis, each for at most {@code rememberFor} (the setting
 * {@code authCacheSeconds}: the bound after which another node's change shows here); a change on this node shows at
 * once. Only the wiki's administrators change it ({@link Permissions}).
 */
public final class Looks {
    static final String HOME = "LOOK_HOME";
    static final String MENU = "LOOK_MENU";
    static final String CSS = "LOOK_CSS";
    private static final int REMEMBERED = 10_000;

    private final WikiSessions sessions;
    private final Permissions permissions;
    private final Clock clock;
    private final long rememberMillis;

    private record Remembered(Look look, long readAt) {
    }

    private final Map<TenantId, Remembered> remembered = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TenantId, Remembered> eldest) {
            return size() > REMEMBERED;
        }
    };

    public Looks(WikiSessions sessions, Permissions permissions, Clock clock, Duration rememberFor) {
        this.sessions = sessions;
        this.permissions = permissions;
        this.clock = clock;
        this.rememberMillis = rememberFor.toMillis();
    }

    /**
     * The wiki's look, for showing it (no decision: a screen of the wiki makes its own). A look that can no longer be
     * read as saved (say, written by a newer version) shows as the default rather than breaking the wiki.
     */
    public Look of(TenantId wiki) {
        long now = clock.millis();
        synchronized (remembered) {
            Remembered known = remembered.get(wiki);
            if (known != null && now - known.readAt() < rememberMillis) {
                return known.look();
            }
        }
        Look look = sessions.inTransaction(wiki, session -> {
            WikiPreference home = session.find(WikiPreference.class, HOME);
            WikiPreference menu = session.find(WikiPreference.class, MENU);
            WikiPreference css = session.find(WikiPreference.class, CSS);
            try {
                return Look.of(home == null ? Look.DEFAULT_HOME : new PagePath(home.value()),
                        MenuLink.parse(menu == null ? null : menu.value()),
                        css == null ? "" : CssCheck.check(css.value()));
            } catch (InvalidInput stale) {
                return Look.DEFAULT;
            }
        });
        synchronized (remembered) {
            remembered.put(wiki, new Remembered(look, now));
        }
        return look;
    }

    /** The look, for the wiki's administrators' screen and API. */
    public Look get(Caller caller, Wiki wiki) {
        permissions.require(caller, wiki, Permission.ADMIN);
        return of(wiki.id());
    }

    /** A change of the look: each part given replaces what was there; null leaves it. */
    public record Change(String homePage, String menu, String css) {
    }

    /** Checks every part first, then stores them together; a refused change stores nothing. */
    public Look update(Caller caller, Wiki wiki, Change change) {
        permissions.require(caller, wiki, Permission.ADMIN);
        Look current = of(wiki.id());
        PagePath home = change.homePage() == null ? current.homePage()
                : change.homePage().isBlank() ? Look.DEFAULT_HOME : homePage(change.homePage());
        List<MenuLink> menu = change.menu() == null ? current.menu() : MenuLink.parse(lines(change.menu()));
        String css = change.css() == null ? current.css() : CssCheck.check(lines(change.css()));
        Look next = Look.of(home, menu, css);
        sessions.inTransaction(wiki.id(), session -> {
            put(session, HOME, home.value());
            put(session, MENU, next.menuText());
            put(session, CSS, css);
            return null;
        });
        synchronized (remembered) {
            remembered.put(wiki.id(), new Remembered(next, clock.millis()));
        }
        return next;
    }

    private static PagePath homePage(String value) {
        try {
            return new PagePath(value.strip());
        } catch (InvalidInput bad) {
            throw new InvalidInput("invalid_home_page", "The home page must be a page name: " + bad.getMessage());
        }
    }

    /** Browsers send CRLF from text areas; the look keeps LF. */
    private static String lines(String text) {
        return text.replace("\r\n", "\n");
    }

    private static void put(org.hibernate.Session session, String name, String value) {
        WikiPreference stored = session.find(WikiPreference.class, name);
        if (stored == null) {
            session.persist(new WikiPreference(name, value));
        } else {
            stored.set(value);
        }
    }
}
