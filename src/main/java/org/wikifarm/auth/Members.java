package org.wikifarm.auth;

import java.util.List;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.error.WikifarmException.InvalidInput;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.PlatformDatabase.PlatformSqlException;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.Username;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiRepository;
import org.wikifarm.tenant.Wikis;

/**
 * Who belongs to a wiki: grant or revoke the editor and viewer roles, and transfer ownership (the old owner stays
 * on as an editor). Only the wiki's administrators may change it. Each change is one platform transaction, whose
 * commit retires every remembered role and decision on this node ({@code PlatformDatabase.inTransaction}).
 */
public final class Members {
    private final PlatformDatabase db;
    private final UserRepository users;
    private final WikiRepository wikis;
    private final Wikis owners;
    private final Permissions permissions;
    private final int maxListItems;

    /**
     * @param owners       where transfers check that the new owner may own one more wiki
     * @param maxListItems the most members one list answers
     */
    public Members(PlatformDatabase db, UserRepository users, WikiRepository wikis, Wikis owners,
                   Permissions permissions, int maxListItems) {
        this.db = db;
        this.users = users;
        this.wikis = wikis;
        this.owners = owners;
        this.permissions = permissions;
        this.maxListItems = maxListItems;
    }

    /** The first {@code maxListItems} members: the owner, then editors and viewers by name. */
    public List<UserRepository.Grant> list(Caller caller, Wiki wiki) {
        return list(caller, wiki, maxListItems, 0);
    }

    public List<UserRepository.Grant> list(Caller caller, Wiki wiki, int limit, int offset) {
        permissions.require(caller, wiki, Permission.ADMIN);
        InvalidInput.requireListPage(limit, offset, maxListItems);
        return users.grants(wiki.id(), limit, offset);
    }

    /** Gives {@code username} the role; {@code owner} transfers the wiki to them. */
    public void grant(Caller caller, Wiki wiki, String username, String role) {
        permissions.require(caller, wiki, Permission.ADMIN);
        User member = existing(username);
        Role newRole = parseRole(role);
        if (member.id() == wiki.ownerId()) {
            if (newRole != Role.OWNER) {
                throw new WikifarmException.Conflict("owner_role",
                        "The owner keeps the owner role; transfer the wiki to someone else first.");
            }
            return;
        }
        Long grantor = caller.asUser().map(User::id).orElse(null);
        if (newRole == Role.OWNER) {
            transfer(wiki, member, grantor);
            return;
        }
        db.inTransaction(connection -> {
            users.grant(connection, wiki.id(), member.id(), newRole, grantor);
            return null;
        });
    }

    public void revoke(Caller caller, Wiki wiki, String username) {
        permissions.require(caller, wiki, Permission.ADMIN);
        User member = existing(username);
        if (member.id() == wiki.ownerId()) {
            throw new WikifarmException.Conflict("owner_role", "The owner cannot be removed; transfer the wiki first.");
        }
        boolean removed = db.inTransaction(connection -> users.revoke(connection, wiki.id(), member.id()));
        if (!removed) {
            throw new WikifarmException.NotFound("member_not_found", username + " is not a member of this wiki.");
        }
    }

    /** Whether the caller administers the wiki as it is now (after a transfer, its former owner no longer does). */
    public boolean administers(Caller caller, TenantId wiki) {
        return wikis.findById(wiki).map(current -> permissions.of(caller, current).contains(Permission.ADMIN))
                .orElse(false);
    }

    private void transfer(Wiki wiki, User newOwner, Long grantor) {
        if (wikis.findByOwnerAndSlug(newOwner.username(), wiki.slug()).isPresent()) {
            throw new WikifarmException.Conflict("slug_taken", newOwner.username()
                    + " already has a wiki called '" + wiki.slug() + "'; rename one of them first.");
        }
        try {
            owners.withRoomFor(newOwner.id(), permissions.counted(newOwner), newOwner.username()
                    + " already owns %,d wikis, the most one account"
                    + " may own; the wiki stays with its owner.", () -> db.inTransaction(connection -> {
                        wikis.setOwner(connection, wiki.id(), newOwner.id());
                        users.grant(connection, wiki.id(), newOwner.id(), Role.OWNER, grantor);
                        users.grant(connection, wiki.id(), wiki.ownerId(), Role.EDITOR, grantor);
                        return null;
                    }));
        } catch (PlatformSqlException e) {
            if (e.isUniqueViolation()) {
                throw new WikifarmException.Conflict("slug_taken",
                        newOwner.username() + " already has a wiki with this name.");
            }
            throw e;
        }
    }

    private User existing(String username) {
        if (username == null || !org.wikifarm.tenant.NameRules.isValid(username)) {
            // Not echoed: it is not a username, and may be anything the client sent, of any length.
            throw new WikifarmException.NotFound("user_not_found", "There is no such user: a username has 3 to 30"
                    + " lowercase letters, digits and hyphens.");
        }
        return users.findByUsername(new Username(username)).orElseThrow(() ->
                new WikifarmException.NotFound("user_not_found", "There is no user called '" + username + "'."));
    }

    private static Role parseRole(String role) {
        if (role == null) {
            throw new InvalidInput("invalid_role", "A role is required: viewer, editor or owner.");
        }
        return switch (role) {
            case "viewer" -> Role.VIEWER;
            case "editor" -> Role.EDITOR;
            case "owner" -> Role.OWNER;
            default -> throw new InvalidInput("invalid_role", "A role is viewer, editor or owner.");
        };
    }
}
