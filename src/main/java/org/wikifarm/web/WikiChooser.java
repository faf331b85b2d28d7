package org.wikifarm.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.WikiSelector;
import org.wikifarm.store.TenantId;
import org.wikifarm.store.WikiCannotOpenException;
import org.wikifarm.tenant.TenantResolver;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiChoice;

/**
 * The web side of choosing a wiki ({@link WikiSelector} decides): the browser's cookie of recent wikis, where
 * {@code /} takes a returning browser, and the way back when a chosen wiki cannot be opened — to the wiki used before
 * it, with a one-time banner ({@link Notices}) saying why, never an error page.
 */
public final class WikiChooser {
    private final WikiSelector selector;
    private final TenantResolver urls;
    private final BrowserWikis browser;
    private final Notices notices;

    public WikiChooser(WikiSelector selector, TenantResolver urls, String baseDomain, Clock clock) {
        this.selector = selector;
        this.urls = urls;
        this.browser = new BrowserWikis(baseDomain);
        this.notices = new Notices(clock);
    }

    /** One wiki on the "Select wiki" screen: the wiki, its address, when it last changed. */
    public record Choice(WikiChoice choice, String url) {
    }

    /** The "Select wiki" list for this request (its {@code q} filters). */
    List<Choice> choices(HttpServletRequest request, Caller caller) {
        return selector.choices(caller, request.getParameter("q"), BrowserWikis.of(request)).stream()
                .map(choice -> new Choice(choice, urls.baseUrl(choice.wiki()))).toList();
    }

    /**
     * Remembers that someone used the wiki of a screen they were shown (a bearer token's client is no browser). The
     * browser's own cookie is written by the page's script (wikifarm.js), so no page view sets a cookie.
     */
    void used(WikiRequest wiki) {
        if (wiki.caller().token() != null || "HEAD".equals(wiki.request().getMethod())) {
            return;
        }
        selector.used(wiki.caller(), wiki.wiki());
    }

    /**
     * For a browser arriving at {@code /} (the first time in its session, no credentials in the request): the
     * address of the wiki it used last, or the installation's default wiki; empty to show the home screen.
     */
    Optional<String> returnTo(HttpServletRequest request, HttpServletResponse response, Caller caller) {
        if (BrowserWikis.hasArrived(request) || request.getHeader("Authorization") != null) {
            return Optional.empty();
        }
        browser.arrived(request, response);
        return selector.returnTo(caller, BrowserWikis.of(request)).map(wiki -> urls.baseUrl(wiki) + "/");
    }

    /**
     * Takes a browser whose chosen wiki cannot be opened back to the wiki it used before (303), with a banner saying
     * so and why. False when there is none to go back to (the caller shows the error).
     */
    boolean revert(WikiRequest wiki, WikiCannotOpenException failure) {
        HttpServletRequest request = wiki.request();
        if (!"GET".equals(request.getMethod()) || wiki.caller().token() != null) {
            return false;
        }
        TenantId failed = wiki.tenant().id();
        Optional<Wiki> back = selector.revertFrom(wiki.caller(), failed, BrowserWikis.of(request));
        if (back.isEmpty()) {
            return false;
        }
        // The wiki gone back to is the one used last now, so "/" does not lead to the broken one again.
        selector.used(wiki.caller(), back.get());
        browser.used(request, wiki.response(), back.get().id());
        String key = notices.keep("Your selected wiki could not be opened. Reverted to " + back.get().displayName()
                + ". Reason: " + failure.getMessage());
        Views.seeOther(wiki.response(), urls.baseUrl(back.get()) + "/?" + Notices.PARAMETER + "=" + key);
        return true;
    }

    /** Sets the banner a redirect carried ({@code ?notice=}) for the layout; true if there is one. */
    boolean showNotice(HttpServletRequest request) {
        String text = notices.take(request.getParameter(Notices.PARAMETER));
        if (text == null) {
            return false;
        }
        request.setAttribute(Notices.ATTRIBUTE, text);
        return true;
    }
}
