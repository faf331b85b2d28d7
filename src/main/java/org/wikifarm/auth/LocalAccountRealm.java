package org.wikifarm.auth;

import java.util.Optional;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.IncorrectCredentialsException;
import org.apache.shiro.authc.SimpleAuthenticationInfo;
import org.apache.shiro.authc.UsernamePasswordToken;
import org.apache.shiro.authc.credential.AllowAllCredentialsMatcher;
import org.apache.shiro.realm.AuthenticatingRealm;
import org.wikifarm.tenant.NameRules;
import org.wikifarm.tenant.Username;

/**
 * Signs in local accounts by username and password. The principal is the user's id. Every attempt verifies exactly
 * one password hash, whether the account exists, is disabled, signs in through a proxy (no password) or the name
 * cannot even be a username: otherwise the time an attempt takes (argon2id costs hundreds of milliseconds, a missing
 * row a few) would tell which usernames have an account. Every password sign-in (the login form, HTTP Basic on the
 * API and the wiki API) comes through here.
 */
public final class LocalAccountRealm extends AuthenticatingRealm {
    private final UserRepository users;
    private final Passwords passwords;

    public LocalAccountRealm(UserRepository users, Passwords passwords) {
        this.users = users;
        this.passwords = passwords;
        setAuthenticationTokenClass(UsernamePasswordToken.class);
        // The password is checked below, once, also for accounts that do not exist.
        setCredentialsMatcher(new AllowAllCredentialsMatcher());
        setName("local");
    }

    @Override
    protected AuthenticationInfo doGetAuthenticationInfo(AuthenticationToken token) throws AuthenticationException {
        UsernamePasswordToken attempt = (UsernamePasswordToken) token;
        String username = attempt.getUsername();
        String password = attempt.getPassword() == null ? "" : new String(attempt.getPassword());
        Optional<UserRepository.LocalCredentials> found = NameRules.isValid(username)
                ? users.findLocalCredentials(new Username(username)) : Optional.empty();
        boolean matches = found.isPresent() ? passwords.matches(password, found.get().passwordHash())
                : passwords.matchesNothing(password);
        if (!matches) {
            throw new IncorrectCredentialsException();
        }
        return new SimpleAuthenticationInfo(found.get().userId(), "", getName());
    }
}
