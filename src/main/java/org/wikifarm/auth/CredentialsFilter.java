package org.wikifarm.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.UsernamePasswordToken;
import org.apache.shiro.subject.support.DefaultSubjectContext;

/**
 * Signs in a request that carries credentials (HTTP Basic with a local account). API clients send credentials on
 * every call, so no HTTP session is created for them. Wrong credentials are a 401, never a silent anonymous call.
 */
public final class CredentialsFilter extends HttpFilter {
    public static final String CHALLENGE = "Basic realm=\"wikifarm\", charset=\"UTF-8\"";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String authorization = request.getHeader("Authorization");
        if (authorization == null) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(DefaultSubjectContext.SESSION_CREATION_ENABLED, Boolean.FALSE);
        UsernamePasswordToken token = basicToken(authorization);
        if (token == null) {
            reject(response, "The Authorization header must be HTTP Basic with a username and password.");
            return;
        }
        try {
            SecurityUtils.getSubject().login(token);
        } catch (AuthenticationException e) {
            reject(response, "The username or password is wrong.");
            return;
        } finally {
            token.clear();
        }
        chain.doFilter(request, response);
    }

    private static UsernamePasswordToken basicToken(String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        return new UsernamePasswordToken(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private static void reject(HttpServletResponse response, String message) throws IOException {
        response.setHeader("WWW-Authenticate", CHALLENGE);
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED, message);
    }
}
