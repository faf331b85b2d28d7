package org.wikifarm.auth;

import org.apache.shiro.authc.AuthenticationToken;

/**
 * An identity asserted by a trusted reverse proxy in request headers: a stable subject (e.g. an OIDC {@code sub} or
 * an ATProto handle such as {@code @alice.bsky.social}) and optionally an email and a display name.
 */
public record ProxyIdentity(String subject, String email, String name) implements AuthenticationToken {
    public static final String PROVIDER = "proxy";

    @Override
    public Object getPrincipal() {
        return subject;
    }

    @Override
    public Object getCredentials() {
        return "";
    }
}
