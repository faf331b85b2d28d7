package org.wikifarm.auth;

import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.SimpleAuthenticationInfo;
import org.apache.shiro.authc.UnknownAccountException;
import org.apache.shiro.authc.UsernamePasswordToken;
import org.apache.shiro.realm.AuthenticatingRealm;
import org.wikifarm.tenant.NameRules;
import org.wikifarm.tenant.Username;

/** Signs in local accounts by username and password. The principal is the user's id. */
public final class LocalAccountRealm extends AuthenticatingRealm {
    private final UserRepository users;

    public LocalAccountRealm(UserRepository users, Passwords passwords) {
        this.users = users;
        setAuthenticationTokenClass(UsernamePasswordToken.class);
        setCredentialsMatcher((token, info) -> passwords.matches(
                new String(((UsernamePasswordToken) token).getPassword()), (String) info.getCredentials()));
        setName("local");
    }

    @Override
    protected AuthenticationInfo doGetAuthenticationInfo(AuthenticationToken token) throws AuthenticationException {
        String username = ((UsernamePasswordToken) token).getUsername();
        if (!NameRules.isValid(username)) {
            throw new UnknownAccountException();
        }
        return users.findLocalCredentials(new Username(username))
                .map(found -> new SimpleAuthenticationInfo(found.userId(), found.passwordHash(), getName()))
                .orElseThrow(UnknownAccountException::new);
    }
}
