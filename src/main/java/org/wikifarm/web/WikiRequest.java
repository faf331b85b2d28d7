package org.wikifarm.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.wikifarm.auth.Caller;
import org.wikifarm.page.PagePath;
import org.wikifarm.tenant.Tenant;
import org.wikifarm.tenant.Wiki;

/** One request to a wiki's web UI: who asks, which wiki, which page, and how to answer. */
record WikiRequest(HttpServletRequest request, HttpServletResponse response, Caller caller, Tenant tenant,
                   PagePath path) {

    Wiki wiki() {
        return tenant.wiki();
    }

    String param(String name) {
        return request.getParameter(name);
    }

    boolean isPost() {
        return "POST".equals(request.getMethod());
    }

    /**
     * The URL of a page in this wiki, e.g. {@code /alice/notes/projects/plan}; in single-wiki mode, a page named like
     * a platform route by its alias ({@code /-/page/admin}).
     */
    String pageUrl(PagePath page) {
        return tenant.basePath() + tenant.pageSuffix(page.value(), Urls.encodePath(page.value()));
    }

    /** The URL of one of the wiki's own screens, e.g. {@code /alice/notes/-/history/plan}. */
    String actionUrl(String action, PagePath page) {
        return tenant.basePath() + "/-/" + action + (page == null ? "" : "/" + Urls.encodePath(page.value()));
    }

    void render(String view, int status) throws ServletException, IOException {
        request.setAttribute("tenant", tenant);
        request.setAttribute("wiki", tenant.wiki());
        request.setAttribute("base", tenant.basePath());
        request.setAttribute("path", path);
        Views.render(request, response, caller, view, status);
    }

    /** Whether this POST comes from its confirmation screen; if not, that screen is shown (see {@link Confirmation}). */
    boolean confirmed(Confirmation.Question question) throws ServletException, IOException {
        request.setAttribute("tenant", tenant);
        request.setAttribute("wiki", tenant.wiki());
        request.setAttribute("base", tenant.basePath());
        return Confirmation.confirmed(request, response, caller, question);
    }

    /** Whether this POST comes from the confirmation screen of {@code scope} ({@link #askToConfirm} shows it). */
    boolean carriesConfirmation(String scope) {
        return Confirmation.carriesCode(request, scope);
    }

    void askToConfirm(Confirmation.Question question) throws ServletException, IOException {
        request.setAttribute("tenant", tenant);
        request.setAttribute("wiki", tenant.wiki());
        request.setAttribute("base", tenant.basePath());
        Confirmation.ask(request, response, caller, question);
    }

    void redirect(String location) {
        Views.seeOther(response, location);
    }
}
