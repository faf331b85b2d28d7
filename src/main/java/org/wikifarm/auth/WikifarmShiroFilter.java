package org.wikifarm.auth;

import org.apache.shiro.web.mgt.WebSecurityManager;
import org.apache.shiro.web.servlet.AbstractShiroFilter;

/** Binds a Shiro subject to every request, with the security manager the application built. */
public final class WikifarmShiroFilter extends AbstractShiroFilter {
    public WikifarmShiroFilter(WebSecurityManager securityManager) {
        setSecurityManager(securityManager);
        setStaticSecurityManagerEnabled(false);
    }
}
