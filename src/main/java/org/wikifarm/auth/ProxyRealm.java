package org.wikifarm.auth;

import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.DisabledAccountException;
import org.apache.shiro.authc.SimpleAuthenticationInfo;
import org.apache.shiro.authc.credential.AllowAllCredentialsMatcher;
import org.apache.shiro.realm.AuthenticatingRealm;

/**
 * Signs in an identity a trusted proxy vouched for (the proxy did the authentication; {@link CredentialsFilter}
 * only builds a {@link ProxyIdentity} for requests from trusted peers). A subject seen for the first time is
 * provisioned as a user. The principal is the user's id.
 */
public final class ProxyRealm extends AuthenticatingRealm {
    private final UserRepository users;

    public ProxyRealm(UserRepository users) {
        this.users = users;
        setAuthenticationTokenClass(ProxyIdentity.class);
        setCredentialsMatcher(new AllowAllCredentialsMatcher());
        setName("proxy");
    }

    @Override
    protected AuthenticationInfo doGetAuthenticationInfo(AuthenticationToken token) throws AuthenticationException {
        User user = users.provision((ProxyIdentity) token);
        if (user.disabled()) {
            throw new DisabledAccountException();
        }
        return new SimpleAuthenticationInfo(user.id(), "", getName());
    }
}
