package org.wikifarm.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.UsernamePasswordToken;
import org.apache.shiro.subject.Subject;
import org.apache.shiro.subject.support.DefaultSubjectContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.config.Settings;
import org.wikifarm.tenant.CurrentTenant;
import org.wikifarm.tenant.Tenant;
import org.wikifarm.tenant.WikiForwardFilter;

/**
 * Signs in whatever credentials a request carries, in this order: an {@code Authorization} header (HTTP Basic with
 * a local account, or {@code Bearer} with a wiki's token), else identity headers from a trusted proxy. Clients that
 * send credentials on every call get no HTTP session. Wrong credentials are a 401, never a silent anonymous call; a
 * token used where the door policy ({@link Permissions#refusal}) does not take it — another wiki, the platform — is
 * a 401 too. On a wiki's git endpoint, an HTTP Basic password that is a wiki token ({@code wft_…}) signs the token in
 * (git sends only a user name and a password). Identity headers from any other peer are ignored (and
 * logged): they are trivially forged.
 */
public final class CredentialsFilter extends HttpFilter {
    public static final String CHALLENGE = "Basic realm=\"wikifarm\", charset=\"UTF-8\"";
    private static final Logger LOG = LoggerFactory.getLogger(CredentialsFilter.class);
    private static final String PROXY_SUBJECT = CredentialsFilter.class.getName() + ".proxySubject";
    private static final int MAX_HEADER = 512;
    private static final String TOKEN_PREFIX = "wft_";

    private final TrustedProxies trusted;
    private final Settings.Proxy proxy;
    private final LoginThrottle throttle;

    public CredentialsFilter(Settings.Proxy proxy, LoginThrottle throttle) {
        this.proxy = proxy;
        this.trusted = TrustedProxies.parse(proxy.trustedProxies());
        this.throttle = throttle;
    }

    /** The challenge for a 401: a wiki asks for its bearer token, the platform for a password. */
    public static String challenge(Tenant tenant) {
        return tenant == null ? CHALLENGE : "Bearer realm=\"" + tenant.wiki().slug() + "\", " + CHALLENGE;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            request.setAttribute(DefaultSubjectContext.SESSION_CREATION_ENABLED, Boolean.FALSE);
            String problem;
            try {
                problem = signInWithAuthorization(authorization, request.getRemoteAddr(),
                        WikiForwardFilter.gitRequest(request));
            } catch (TooManyAttemptsException e) {
                response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
                response.sendError(429, e.getMessage());
                return;
            }
            if (problem != null) {
                reject(response, problem, WikiForwardFilter.gitRequest(request));
                return;
            }
        } else if (request.getHeader(proxy.userHeader()) != null && !request.getHeader(proxy.userHeader()).isBlank()) {
            String problem = signInFromProxy(request);
            if (problem != null) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST, problem);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * Returns null when signed in, or what is wrong with the credentials. Passwords are throttled per account and
     * address (a 429 is thrown before the password is even checked); tokens are 256-bit secrets and need no throttle.
     */
    private String signInWithAuthorization(String authorization, String address, boolean git) {
        AuthenticationToken token;
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = new BearerToken(authorization.substring(7).strip());
        } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            UsernamePasswordToken basic = basicToken(authorization.substring(6).strip());
            if (basic == null) {
                return "The Authorization header must be HTTP Basic with a username and password.";
            }
            // git can send only a user name and password: there a wiki token is the password, with any user name.
            String password = new String(basic.getPassword());
            if (git && password.startsWith(TOKEN_PREFIX)) {
                basic.clear();
                token = new BearerToken(password);
            } else {
                token = basic;
            }
        } else {
            return "The Authorization header must be 'Basic' (username and password) or 'Bearer' (a wiki token).";
        }
        Subject subject = SecurityUtils.getSubject();
        String username = token instanceof UsernamePasswordToken password ? password.getUsername() : null;
        if (username != null) {
            throttle.check(username, address);
        }
        try {
            subject.login(token);
        } catch (AuthenticationException e) {
            if (username != null) {
                throttle.failed(username, address);
                return "The username or password is wrong.";
            }
            return "The token is not valid (it may have been revoked).";
        } finally {
            if (token instanceof UsernamePasswordToken password) {
                password.clear();
            }
        }
        if (username != null) {
            try {
                throttle.succeeded(username, address);
            } catch (TooManyAttemptsException e) {
                subject.logout();
                throw e;
            }
        }
        if (subject.getPrincipal() instanceof ApiToken apiToken) {
            Tenant tenant = CurrentTenant.get().orElse(null);
            Optional<String> refused = Permissions.refusal(tenant == null ? Door.PLATFORM : git ? Door.GIT : Door.WIKI,
                    Caller.of(apiToken), tenant == null ? null : tenant.id());
            if (refused.isPresent()) {
                subject.logout();
                return refused.get();
            }
        }
        return null;
    }

    private String signInFromProxy(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!trusted.contains(peer)) {
            LOG.warn("Ignored identity headers from {}, which is not a trusted proxy", peer);
            return null;
        }
        String subjectId = header(request, proxy.userHeader());
        if (subjectId == null) {
            return "The proxy's " + proxy.userHeader() + " header is empty or malformed.";
        }
        HttpSession session = request.getSession(false);
        Subject subject = SecurityUtils.getSubject();
        if (session != null && subject.getPrincipal() instanceof Long
                && Objects.equals(session.getAttribute(PROXY_SUBJECT), subjectId)) {
            return null;
        }
        String email = proxyText(request, proxy.emailHeader());
        String name = proxyText(request, proxy.nameHeader());
        String cleanEmail = Profile.cleanEmail(email);
        String cleanName = Profile.cleanDisplayName(name);
        if (email != null && !email.strip().equals(cleanEmail)) {
            LOG.warn("The proxy's {} header for subject {} is not a usable email address; {}", proxy.emailHeader(),
                    subjectId, cleanEmail == null ? "ignored it" : "kept the address without the unsafe characters");
        }
        if (name != null && !name.strip().equals(cleanName)) {
            LOG.warn("The proxy's {} header for subject {} had characters a name may not have; dropped them",
                    proxy.nameHeader(), subjectId);
        }
        try {
            subject.login(new ProxyIdentity(subjectId, cleanEmail, cleanName));
        } catch (AuthenticationException e) {
            return "This account is disabled.";
        }
        subject.getSession().setAttribute(PROXY_SUBJECT, subjectId);
        return null;
    }

    /**
     * An optional identity header as the person's text. Tomcat reads header bytes as ISO-8859-1, while proxies pass
     * names such as "José" as UTF-8: bytes that are valid UTF-8 are read as UTF-8. Whatever is unsafe in it is left
     * for {@link Profile} to clean, so a strange name never locks a person out.
     */
    private static String proxyText(HttpServletRequest request, String name) {
        String value = request.getHeader(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.chars().allMatch(c -> c <= 0xff)) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1))).toString();
            } catch (CharacterCodingException e) {
                return value;
            }
        }
        return value;
    }

    /** A header's value if it is present, at most 512 characters and free of control characters. */
    private static String header(HttpServletRequest request, String name) {
        String value = request.getHeader(name);
        if (value == null || value.isBlank() || value.length() > MAX_HEADER
                || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return null;
        }
        return value.strip();
    }

    private static UsernamePasswordToken basicToken(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        return new UsernamePasswordToken(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /** A 401; git clients are asked for a user name and password only (a token goes in as the password). */
    private static void reject(HttpServletResponse response, String message, boolean git) throws IOException {
        response.setHeader("WWW-Authenticate", git ? CHALLENGE : challenge(CurrentTenant.get().orElse(null)));
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED, message);
    }
}
