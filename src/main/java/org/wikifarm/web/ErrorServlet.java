package org.wikifarm.web;

import org.wikifarm.error.ErrorStatus;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.wikifarm.auth.Accounts;
import org.wikifarm.auth.Caller;
import org.wikifarm.render.HtmlText;

/**
 * The container's error page for everything that fails outside the API's own error mapping (unknown wiki, body
 * too large, bad credentials, an uncaught exception): JSON for API clients, a plain page for browsers, never a
 * stack trace.
 */
public final class ErrorServlet extends HttpServlet {
    public static final String PATH = "/_error";

    private final Accounts accounts;

    public ErrorServlet(Accounts accounts) {
        this.accounts = accounts;
    }

    private Caller caller() {
        try {
            return accounts.current();
        } catch (RuntimeException e) {
            return Caller.ANONYMOUS;
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttribute instanceof Integer code ? code : 404;
        Object givenCode = request.getAttribute(ErrorStatus.CODE_ATTRIBUTE);
        boolean told = givenCode != null && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) == null;
        String message = !told && (status >= 500 || request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) != null)
                ? "Something went wrong on our side; it has been logged."
                : messageOrDefault(request.getAttribute(RequestDispatcher.ERROR_MESSAGE), status);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (wantsJson(request, uri == null ? "" : uri.toString())) {
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"" + (told ? jsonEscape(givenCode.toString()) : code(status))
                    + "\",\"message\":\"" + jsonEscape(message)
                    + "\"}");
        } else {
            request.setAttribute("errorStatus", status);
            request.setAttribute("errorTitle", status == 404 ? "Not found" : status == 503 && told
                    ? "Try again in a moment" : "Something is wrong");
            request.setAttribute("errorMessage", message);
            try {
                Views.render(request, response, caller(), "error/error", status);
            } catch (ServletException | RuntimeException e) {
                response.setContentType("text/html");
                response.getWriter().write("<!doctype html><title>" + status + "</title><h1>" + status + "</h1><p>"
                        + HtmlText.escape(message) + "</p>");
            }
        }
    }

    private static boolean wantsJson(HttpServletRequest request, String uri) {
        String accept = request.getHeader("Accept");
        return uri.contains("/api/") || (accept != null && accept.contains("json") && !accept.contains("html"));
    }

    private static String messageOrDefault(Object message, int status) {
        if (message != null && !message.toString().isBlank()) {
            return message.toString();
        }
        return switch (status) {
            case 400 -> "The request is malformed.";
            case 401 -> "Sign in to continue.";
            case 403 -> "You are not allowed to do that.";
            case 404 -> "There is nothing here.";
            case 405 -> "That method is not allowed here.";
            case 413 -> "The request is too large.";
            case 429 -> "Too many attempts; wait a little and try again.";
            default -> "The request could not be served.";
        };
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 413 -> "too_large";
            case 429 -> "too_many_attempts";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
    }

    private static String jsonEscape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
