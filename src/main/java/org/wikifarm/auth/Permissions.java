package org.wikifarm.auth;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.wikifarm.app.WikifarmException;
import org.wikifarm.tenant.PaymentStatus;
import org.wikifarm.tenant.Wiki;

/**
 * The one component that decides what an identity may do on a wiki. Every front door (REST, web UI, MCP, git)
 * asks it through the feature services; nothing checks permissions on its own.
 */
public final class Permissions {
    private final UserRepository users;

    public Permissions(UserRepository users) {
        this.users = users;
    }

    public Set<Permission> of(Caller caller, Wiki wiki) {
        EnumSet<Permission> granted = EnumSet.noneOf(Permission.class);
        if (wiki.isPublic()) {
            granted.add(Permission.READ);
        }
        if (caller.admin()) {
            granted.addAll(EnumSet.allOf(Permission.class));
        } else if (!caller.anonymous()) {
            granted.addAll(roleOf(caller, wiki).map(Permissions::forRole).orElse(EnumSet.noneOf(Permission.class)));
        }
        if (wiki.paymentStatus() == PaymentStatus.LAPSED) {
            granted.remove(Permission.WRITE);
            granted.remove(Permission.UPLOAD);
        }
        return granted;
    }

    /**
     * Throws unless the caller has the permission: 401 for an anonymous caller (they may sign in), 403 with the
     * missing permission named otherwise.
     */
    public void require(Caller caller, Wiki wiki, Permission permission) {
        if (of(caller, wiki).contains(permission)) {
            return;
        }
        if (caller.anonymous()) {
            throw new WikifarmException.Unauthenticated("Sign in to " + permission.verb() + " this wiki.");
        }
        if (permission != Permission.READ && wiki.paymentStatus() == PaymentStatus.LAPSED) {
            throw new WikifarmException.Forbidden("This wiki is read-only because its subscription has lapsed.");
        }
        throw new WikifarmException.Forbidden("You do not have the " + permission + " permission: you may not "
                + permission.verb() + " this wiki.");
    }

    private Optional<Role> roleOf(Caller caller, Wiki wiki) {
        if (wiki.ownerId() == caller.user().id()) {
            return Optional.of(Role.OWNER);
        }
        return users.roleOn(wiki.id(), caller.user().id());
    }

    private static EnumSet<Permission> forRole(Role role) {
        return switch (role) {
            case OWNER -> EnumSet.allOf(Permission.class);
            case EDITOR -> EnumSet.of(Permission.READ, Permission.WRITE, Permission.UPLOAD);
            case VIEWER -> EnumSet.of(Permission.READ);
        };
    }
}
