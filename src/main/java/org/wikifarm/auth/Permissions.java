package org.wikifarm.auth;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.tenant.PaymentStatus;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.Wiki;

/**
 * The one component that decides what an identity may do on a wiki. Every front door (REST, web UI, MCP, git)
 * asks it through the feature services; nothing checks permissions on its own. The rules:
 * <ul>
 *   <li>a platform admin may do everything;</li>
 *   <li>an ACL role gives owner → all, editor → read, write, upload, viewer → read;</li>
 *   <li>a bearer token gives its role on its own wiki and nothing anywhere else, and never more than the person who
 *       made it may still do there: its permissions are those of its role <em>and</em> of its creator now, decided
 *       by these same rules (the creator's ACL role, platform admin, the wiki's access levels). A creator who was
 *       disabled or no longer exists leaves the token no permission at all; re-enabling the account restores it,
 *       as the token was never revoked;</li>
 *   <li>the wiki's access levels add: ANONYMOUS → everyone, REGISTERED → anyone signed in, APPROVED → nothing
 *       beyond the role; a public wiki is readable by everyone;</li>
 *   <li>writing or uploading implies reading;</li>
 *   <li>a lapsed wiki is read-only for everyone, tokens and admins included.</li>
 * </ul>
 */
public final class Permissions {
    private final UserRepository users;
    private final Function<TenantId, WikiAccess.Levels> levels;

    /** @param levels a wiki's access levels, normally {@link WikiAccess#of} */
    public Permissions(UserRepository users, Function<TenantId, WikiAccess.Levels> levels) {
        this.users = users;
        this.levels = levels;
    }

    public Set<Permission> of(Caller caller, Wiki wiki) {
        EnumSet<Permission> granted = EnumSet.noneOf(Permission.class);
        if (caller.token() != null) {
            if (caller.token().wiki().equals(wiki.id())) {
                granted.addAll(forRole(caller.token().role()));
                granted.retainAll(ofCreator(caller.token(), wiki));
            }
        } else if (caller.admin()) {
            granted.addAll(EnumSet.allOf(Permission.class));
        } else {
            Optional<Role> role = caller.anonymous() ? Optional.empty() : roleOf(caller, wiki);
            role.ifPresent(r -> granted.addAll(forRole(r)));
            if (role.orElse(null) != Role.OWNER) {
                addByLevels(granted, wiki, caller);
            }
        }
        if (granted.contains(Permission.WRITE) || granted.contains(Permission.UPLOAD)) {
            granted.add(Permission.READ);
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
        if ((permission == Permission.WRITE || permission == Permission.UPLOAD)
                && wiki.paymentStatus() == PaymentStatus.LAPSED) {
            throw new WikifarmException.Forbidden("This wiki is read-only because its subscription has lapsed.");
        }
        throw new WikifarmException.Forbidden("You do not have the " + permission + " permission: you may not "
                + permission.verb() + " this wiki.");
    }

    /** What the token's creator may do on the wiki today; nothing when the account is gone or disabled. */
    private Set<Permission> ofCreator(ApiToken token, Wiki wiki) {
        if (token.createdBy() == null) {
            return EnumSet.noneOf(Permission.class);
        }
        return users.findById(token.createdBy()).filter(creator -> !creator.disabled())
                .map(creator -> of(new Caller(creator), wiki))
                .orElseGet(() -> EnumSet.noneOf(Permission.class));
    }

    private void addByLevels(EnumSet<Permission> granted, Wiki wiki, Caller caller) {
        if (wiki.isPublic()) {
            granted.add(Permission.READ);
        }
        WikiAccess.Levels levels = this.levels.apply(wiki.id());
        if (allows(levels.read(), caller)) {
            granted.add(Permission.READ);
        }
        if (allows(levels.write(), caller)) {
            granted.add(Permission.WRITE);
        }
        if (allows(levels.attachment(), caller)) {
            granted.add(Permission.UPLOAD);
        }
    }

    private static boolean allows(AccessLevel level, Caller caller) {
        return switch (level) {
            case ANONYMOUS -> true;
            case REGISTERED -> !caller.anonymous();
            case APPROVED -> false;
        };
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
