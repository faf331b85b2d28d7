package org.wikifarm.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.shiro.subject.support.DefaultSubjectContext;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.Permissions;
import org.wikifarm.auth.PlatformRight;

/**
 * Renders JSPs under {@code WEB-INF/jsp/} with the attributes every page's layout needs; what the layout offers (the
 * admin area) is asked of {@link Permissions}, found in the servlet context under {@link #PERMISSIONS}.
 */
public final class Views {
    /** The servlet context attribute that holds the application's {@link Permissions}. */
    public static final String PERMISSIONS = Views.class.getName() + ".permissions";

    /**
     * Most pages (a 200-page sidebar is ~25 KB) are sent in one write instead of one per 8 KB that Tomcat's default
     * buffer fills: thread dumps of signed-in page views showed threads waiting in socket writes mid-page.
     */
    static final int PAGE_BUFFER_BYTES = 64 * 1024;

    private Views() {
    }

    public static void render(HttpServletRequest request, HttpServletResponse response, Caller caller, String view,
                              int status) throws ServletException, IOException {
        request.setAttribute("caller", caller);
        SignInLinks.Links links = signInLinks(request);
        if (links != null) {
            // Sign-in lives on the platform's host: from a wiki's host the header links lead there (host mode).
            request.setAttribute("signIn", links);
        }
        boolean adminArea = adminArea(request, caller);
        request.setAttribute("adminArea", adminArea);
        String csrf = csrf(request, caller);
        if (csrf != null) {
            request.setAttribute("csrf", csrf);
        }
        if (request.getAttribute(UserMenu.ATTRIBUTE) != UserMenu.SLOT_HTML) {
            request.setAttribute(UserMenu.ATTRIBUTE, UserMenu.of(caller, links, adminArea, csrf));
        }
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        sendInOneWrite(response);
        request.getRequestDispatcher("/WEB-INF/jsp/" + view + ".jsp").forward(request, response);
    }

    /** The header's menu for this request's caller, as {@link #render} puts it into every page. */
    static SafeHtml userMenu(HttpServletRequest request, Caller caller, SignInLinks.Links links) {
        return UserMenu.of(caller, links, adminArea(request, caller), csrf(request, caller));
    }

    /** Where signing in and out lives from this request's host, or null when the application has no links. */
    static SignInLinks.Links signInLinks(HttpServletRequest request) {
        Object links = request.getServletContext() == null ? null
                : request.getServletContext().getAttribute(SignInLinks.ATTRIBUTE);
        return links instanceof SignInLinks signIn ? signIn.of(request) : null;
    }

    private static boolean adminArea(HttpServletRequest request, Caller caller) {
        Object permissions = request.getServletContext() == null ? null
                : request.getServletContext().getAttribute(PERMISSIONS);
        return permissions instanceof Permissions decide && decide.may(caller, PlatformRight.ADMIN_AREA);
    }

    /** The session's CSRF token for the forms of this page, or null when this request has (and gets) no session. */
    private static String csrf(HttpServletRequest request, Caller caller) {
        boolean sessionsAllowed = !Boolean.FALSE.equals(
                request.getAttribute(DefaultSubjectContext.SESSION_CREATION_ENABLED));
        if (sessionsAllowed && (!caller.anonymous() || request.getAttribute("csrf") != null)) {
            // Anonymous readers get no session: only signed-in people and the login/sign-up forms need a token.
            // Callers with credentials on every request (Basic, Bearer) get no session, so no token either.
            return Csrf.token(request);
        }
        return null;
    }

    /** Buffers a page's HTML whole (up to {@link #PAGE_BUFFER_BYTES}), to be sent in one write. */
    static void sendInOneWrite(HttpServletResponse response) {
        if (response.getBufferSize() < PAGE_BUFFER_BYTES && !response.isCommitted()) {
            response.setBufferSize(PAGE_BUFFER_BYTES);
        }
    }

    /** A friendly error page with the status the failure maps to. */
    public static void error(HttpServletRequest request, HttpServletResponse response, Caller caller,
                             WikifarmException failure) throws ServletException, IOException {
        request.setAttribute("errorStatus", ErrorStatus.of(failure));
        request.setAttribute("errorCode", failure.code());
        request.setAttribute("errorMessage", failure.getMessage());
        request.setAttribute("errorTitle", switch (failure.code()) {
            case "wiki_upgrading" -> "This wiki is being upgraded";
            case "wiki_restoring" -> "This wiki is being restored";
            default -> title(ErrorStatus.of(failure));
        });
        if (ErrorStatus.retryAfterSeconds(failure) > 0) {
            response.setHeader("Retry-After", Integer.toString(ErrorStatus.retryAfterSeconds(failure)));
        }
        render(request, response, caller, "error/error", ErrorStatus.of(failure));
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "That request is not valid";
            case 401 -> "Please log in";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            case 413 -> "Too large";
            case 429 -> "Too many attempts";
            case 503 -> "Not available right now";
            default -> "Something went wrong";
        };
    }

    /** After a successful POST: 303 so reloading the result does not repeat the change. */
    public static void seeOther(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
    }
}
