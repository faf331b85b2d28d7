package org.wikifarm.auth;

import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.DisabledAccountException;
import org.apache.shiro.authc.SimpleAuthenticationInfo;
import org.apache.shiro.authc.UnknownAccountException;
import org.apache.shiro.authc.credential.AllowAllCredentialsMatcher;
import org.apache.shiro.realm.AuthenticatingRealm;

/** Signs in the person a redeemed sign-in ticket names, if the account still exists and is enabled. */
public final class TicketRealm extends AuthenticatingRealm {
    private final UserRepository users;

    public TicketRealm(UserRepository users) {
        this.users = users;
        setAuthenticationTokenClass(TicketSignIn.class);
        // The ticket was the credential; it was checked and used up before this token was made.
        setCredentialsMatcher(new AllowAllCredentialsMatcher());
        setName("ticket");
    }

    @Override
    protected AuthenticationInfo doGetAuthenticationInfo(AuthenticationToken token) throws AuthenticationException {
        User user = users.findById(((TicketSignIn) token).userId()).orElseThrow(UnknownAccountException::new);
        if (user.disabled()) {
            throw new DisabledAccountException();
        }
        return new SimpleAuthenticationInfo(user.id(), "", getName());
    }
}
