package org.wikifarm.auth;

import org.apache.shiro.authc.AuthenticationToken;

/** A bearer token presented in {@code Authorization: Bearer …}, for {@link TokenRealm}. */
public record BearerToken(String secret) implements AuthenticationToken {
    @Override
    public Object getPrincipal() {
        return "bearer";
    }

    @Override
    public Object getCredentials() {
        return secret;
    }
}
