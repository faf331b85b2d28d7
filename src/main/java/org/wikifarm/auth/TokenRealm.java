package org.wikifarm.auth;

import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.IncorrectCredentialsException;
import org.apache.shiro.authc.SimpleAuthenticationInfo;
import org.apache.shiro.authc.credential.AllowAllCredentialsMatcher;
import org.apache.shiro.realm.AuthenticatingRealm;

/** Signs in a wiki's bearer token; the principal is the {@link ApiToken} (never a user). */
public final class TokenRealm extends AuthenticatingRealm {
    private final Tokens tokens;

    public TokenRealm(Tokens tokens) {
        this.tokens = tokens;
        setAuthenticationTokenClass(BearerToken.class);
        // The secret is checked (in constant time) while looking the token up.
        setCredentialsMatcher(new AllowAllCredentialsMatcher());
        setName("token");
    }

    @Override
    protected AuthenticationInfo doGetAuthenticationInfo(AuthenticationToken token) throws AuthenticationException {
        return tokens.authenticate(((BearerToken) token).secret())
                .map(found -> new SimpleAuthenticationInfo(found, "", getName()))
                .orElseThrow(IncorrectCredentialsException::new);
    }
}
