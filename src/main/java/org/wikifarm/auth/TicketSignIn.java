package org.wikifarm.auth;

import org.apache.shiro.authc.AuthenticationToken;

/**
 * A sign-in vouched for by a redeemed {@link SignInTickets ticket}: built only after the ticket, its host and its
 * nonce were checked, so, like {@link ProxyIdentity}, it carries no credential of its own.
 */
public record TicketSignIn(long userId) implements AuthenticationToken {
    @Override
    public Object getPrincipal() {
        return userId;
    }

    @Override
    public Object getCredentials() {
        return "";
    }
}
