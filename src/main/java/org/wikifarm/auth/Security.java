package org.wikifarm.auth;

import org.apache.shiro.web.mgt.DefaultWebSecurityManager;
import org.apache.shiro.web.mgt.WebSecurityManager;

/** Builds the Shiro security manager: local accounts, no remember-me cookie. */
public final class Security {
    private Security() {
    }

    public static WebSecurityManager manager(UserRepository users, Passwords passwords) {
        DefaultWebSecurityManager manager = new DefaultWebSecurityManager(new LocalAccountRealm(users, passwords));
        manager.setRememberMeManager(null);
        return manager;
    }
}
