package org.wikifarm.auth;

import java.util.List;
import org.apache.shiro.realm.Realm;
import org.apache.shiro.web.mgt.DefaultWebSecurityManager;
import org.apache.shiro.web.mgt.WebSecurityManager;

/**
 * Builds the Shiro security manager: local accounts, wiki tokens, proxy identities, sign-in tickets of custom
 * domains; no remember-me cookie.
 */
public final class Security {
    private Security() {
    }

    public static WebSecurityManager manager(UserRepository users, Passwords passwords, Tokens tokens) {
        DefaultWebSecurityManager manager = new DefaultWebSecurityManager(List.<Realm>of(
                new LocalAccountRealm(users, passwords), new TokenRealm(tokens), new ProxyRealm(users),
                new TicketRealm(users)));
        manager.setRememberMeManager(null);
        return manager;
    }
}
