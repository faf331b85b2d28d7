package org.wikifarm.look;

import java.util.List;
import org.wikifarm.page.PagePath;

/**
 * How a wiki looks, as its administrators set it: the page its address opens, the menu above the page tree, and extra
 * CSS (already checked, {@link CssCheck}). {@code version} changes whenever any of it does, so a cached page view or
 * the stylesheet's address can carry it.
 */
public record Look(PagePath homePage, List<MenuLink> menu, String css, long version) {
    /** The page a wiki opens on unless its administrators chose another. */
    public static final PagePath DEFAULT_HOME = new PagePath("Home");
    /** A wiki nobody has changed the look of. */
    public static final Look DEFAULT = new Look(DEFAULT_HOME, List.of(), "", 0);

    public Look {
        menu = List.copyOf(menu);
    }

    /** A look with its version computed from what it holds. */
    static Look of(PagePath homePage, List<MenuLink> menu, String css) {
        long version = ((long) homePage.hashCode() * 31 + menu.hashCode()) * 31 + css.hashCode();
        return new Look(homePage, menu, css, homePage.equals(DEFAULT_HOME) && menu.isEmpty() && css.isEmpty()
                ? 0 : version == 0 ? 1 : version);
    }

    public boolean hasCss() {
        return !css.isEmpty();
    }

    /** The menu as its text is written: one {@code Label | target} per line. */
    public String menuText() {
        StringBuilder text = new StringBuilder();
        menu.forEach(link -> text.append(link.asLine()).append('\n'));
        return text.toString();
    }
}
