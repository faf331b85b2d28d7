package org.wikifarm.web;

import org.wikifarm.auth.Caller;
import org.wikifarm.render.HtmlText;

/**
 * The part of every page's header that belongs to the person asking: "Log in" and "Sign up" (whose links carry the
 * address being read), or the admin link, the account name and the logout form with the session's CSRF token. It is
 * written here rather than in the layout so that a page view served from {@link PageViewCache} gets it fresh for each
 * request: the cached page holds {@link #SLOT} in its place, and nothing of any one person. Every value is escaped.
 */
final class UserMenu {
    /** The request attribute the layout writes; {@link Views#render} sets it unless a screen set {@link #SLOT_HTML}. */
    static final String ATTRIBUTE = "userMenu";

    /**
     * What a cached page holds where the menu goes. An HTML comment, so it can come from nowhere else: the layout
     * escapes every value ({@code <} among them) and the sanitiser drops comments from rendered pages.
     */
    static final String SLOT = "<!--wikifarm:user-menu-->";

    /** {@link #SLOT} as the layout writes it: set as {@link #ATTRIBUTE}, the layout leaves the slot for the menu. */
    static final SafeHtml SLOT_HTML = SafeHtml.trusted(SLOT);

    private UserMenu() {
    }

    /**
     * @param links     where signing in, the account and signing out live from this request's host (null: none known)
     * @param adminArea whether the caller may open the platform's admin area
     * @param csrf      the session's CSRF token, or null when the caller has no session (a bearer token)
     */
    static SafeHtml of(Caller caller, SignInLinks.Links links, boolean adminArea, String csrf) {
        StringBuilder html = new StringBuilder(512);
        if (caller.anonymous()) {
            html.append("<li><a href=\"").append(attribute(links == null ? null : links.login()))
                    .append("\" id=\"login-link\">Log in</a></li>\n");
            html.append("      <li><a href=\"").append(attribute(links == null ? null : links.signup()))
                    .append("\" id=\"signup-link\" role=\"button\">Sign up</a></li>");
            return SafeHtml.trusted(html.toString());
        }
        if (adminArea) {
            html.append("<li><a href=\"").append(attribute(links == null ? null : links.admin()))
                    .append("\" id=\"admin-link\">Admin</a></li>\n      ");
        }
        String name = caller.user() == null ? "" : caller.user().username().value();
        html.append("<li><a href=\"").append(attribute(links == null ? null : links.account()))
                .append("\" id=\"account-link\">").append(HtmlText.escape(name)).append("</a></li>\n");
        html.append("      <li>\n        <form method=\"post\" action=\"")
                .append(attribute(links == null ? null : links.logout()))
                .append("\" id=\"logout-form\" class=\"inline-form\">\n");
        html.append("          <input type=\"hidden\" name=\"csrf\" value=\"").append(attribute(csrf)).append("\">\n");
        html.append("          <button type=\"submit\" id=\"logout-button\" class=\"outline secondary\">Log out</button>\n");
        html.append("        </form>\n      </li>");
        return SafeHtml.trusted(html.toString());
    }

    private static String attribute(String value) {
        return value == null ? "" : HtmlText.escape(value);
    }
}
