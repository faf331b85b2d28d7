package org.wikifarm.auth;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.Freshness;
import org.wikifarm.tenant.WikiNodes;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.AccessLevel;
import org.wikifarm.tenant.PaymentStatus;
import org.wikifarm.tenant.ReadableBy;
import org.wikifarm.tenant.Wiki;

/**
 * The one authorization model: every decision about who may do what is made here, and every door and service asks.
 * <ul>
 *   <li><b>On a wiki</b> ({@link #of}, {@link #require(Caller, Wiki, Permission)}): a platform admin may do
 *       everything; a role gives owner → all, editor → read, write, upload, viewer → read; the wiki's access levels
 *       add: ANONYMOUS → everyone, REGISTERED → anyone signed in, APPROVED → nothing beyond the role; writing or
 *       uploading implies reading; a lapsed wiki is read-only for everyone, tokens and admins included.</li>
 *   <li><b>Tokens</b>: a bearer token gives its role on its own wiki and nothing anywhere else, and never more than
 *       the person who made it may still do there, by these same rules; a creator who was disabled or no longer
 *       exists leaves the token nothing (re-enabling the account restores it: the token was never revoked).</li>
 *   <li><b>Listing</b> ({@link #readable}): a list of wikis shows exactly those the caller may read, by the same
 *       rules ({@code ListingAgreesWithReadingTest} checks every level against every kind of caller).</li>
 *   <li><b>The platform</b> ({@link #may}, {@link PlatformRight}): admins hold every right, anyone signed in may
 *       create wikis; sign-up ({@link #maySignUp}).</li>
 *   <li><b>Doors</b> ({@link #refusal}, {@link #atDoor}): which credentials each door takes; MCP takes bearer
 *       tokens only, git only credentials sent with the request.</li>
 * </ul>
 * A decision on a wiki is made once per caller and wiki and reused by every later check of the request
 * ({@link Decisions}); what it is made from (users, roles) is read through the repositories' bounded caches.
 */
public final class Permissions {
    private final UserRepository users;
    private final Freshness freshness;
    private final LongAdder evaluations = new LongAdder();
    private final WikiNodes nodes;

    public Permissions(UserRepository users) {
        this(users, WikiNodes.ALONE);
    }

    /** @param nodes whether each wiki may change now: while it moves between nodes, it is read-only for everyone */
    public Permissions(UserRepository users, WikiNodes nodes) {
        this.users = users;
        this.freshness = users.freshness();
        this.nodes = nodes;
    }

    /** What the caller may do on the wiki: decided once, then reused while nothing it depends on changed. */
    public Set<Permission> of(Caller caller, Wiki wiki) {
        Set<Permission> known = caller.decisions().find(wiki, freshness);
        if (known != null) {
            return known;
        }
        long generation = freshness.generation();
        Instant at = freshness.clock().instant();
        Set<Permission> granted = Collections.unmodifiableSet(evaluate(caller, wiki));
        evaluations.increment();
        if (freshness.generation() == generation) {
            caller.decisions().remember(wiki, granted, at, generation);
        }
        return granted;
    }

    /**
     * Throws unless the caller has the permission: 401 for an anonymous caller (they may sign in), 403 with the
     * missing permission named otherwise.
     */
    public void require(Caller caller, Wiki wiki, Permission permission) {
        if (of(caller, wiki).contains(permission)) {
            if (permission != Permission.READ && !nodes.writable(wiki.id())) {
                throw new WikifarmException.Unavailable("wiki_moving", "This wiki is being moved to another server"
                        + " and is read-only for a minute or so. Nothing was changed; try again shortly.");
            }
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

    /** How many decisions on wikis were computed (not reused) since start: the health endpoint shows it. */
    public long evaluations() {
        return evaluations.sum();
    }

    private EnumSet<Permission> evaluate(Caller caller, Wiki wiki) {
        EnumSet<Permission> granted = EnumSet.noneOf(Permission.class);
        if (caller.token() != null) {
            if (caller.token().wiki().equals(wiki.id())) {
                granted.addAll(forRole(caller.token().role()));
                granted.retainAll(ofCreator(caller.token(), wiki));
            }
        } else if (caller.admin()) {
            granted.addAll(EnumSet.allOf(Permission.class));
        } else {
            Optional<Role> role = caller.anonymous() ? Optional.empty() : roleOf(caller.user(), wiki);
            role.ifPresent(r -> granted.addAll(forRole(r)));
            Set<AccessLevel> open = levelsLettingIn(caller);
            if (open.contains(wiki.access().read())) {
                granted.add(Permission.READ);
            }
            if (open.contains(wiki.access().write())) {
                granted.add(Permission.WRITE);
            }
            if (open.contains(wiki.access().attachment())) {
                granted.add(Permission.UPLOAD);
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

    /** What the token's creator may do on the wiki today; nothing when the account is gone or disabled. */
    private Set<Permission> ofCreator(ApiToken token, Wiki wiki) {
        if (token.createdBy() == null) {
            return EnumSet.noneOf(Permission.class);
        }
        return users.findById(token.createdBy()).filter(creator -> !creator.disabled())
                .<Set<Permission>>map(creator -> evaluate(new Caller(creator), wiki))
                .orElseGet(() -> EnumSet.noneOf(Permission.class));
    }

    /** The access levels that let a caller in by themselves, without a role. A token has its role only. */
    private static Set<AccessLevel> levelsLettingIn(Caller caller) {
        if (caller.token() != null) {
            return EnumSet.noneOf(AccessLevel.class);
        }
        return caller.anonymous() ? EnumSet.of(AccessLevel.ANONYMOUS)
                : EnumSet.of(AccessLevel.ANONYMOUS, AccessLevel.REGISTERED);
    }

    private Optional<Role> roleOf(User user, Wiki wiki) {
        if (wiki.ownerId() == user.id()) {
            return Optional.of(Role.OWNER);
        }
        return users.roleOn(wiki.id(), user.id());
    }

    private static EnumSet<Permission> forRole(Role role) {
        return switch (role) {
            case OWNER -> EnumSet.allOf(Permission.class);
            case EDITOR -> EnumSet.of(Permission.READ, Permission.WRITE, Permission.UPLOAD);
            case VIEWER -> EnumSet.of(Permission.READ);
        };
    }

    /**
     * Which wikis a list may show the caller: exactly those {@link #of} lets them read. A person reads the wikis
     * they own or have a role on (every role reads) and those whose read, write or upload level lets them in
     * (writing and uploading imply reading); a platform admin reads all; a token at most its own wiki, which the
     * caller of this checks with {@link #of} (it depends on the token's creator). The lapsed status takes away
     * writing, never reading.
     */
    public ReadableBy readable(Caller caller) {
        if (caller.token() != null) {
            return ReadableBy.only(caller.token().wiki());
        }
        if (caller.admin()) {
            return ReadableBy.everything();
        }
        return ReadableBy.open(levelsLettingIn(caller), caller.anonymous() ? null : caller.user().id());
    }

    /** Whether the caller holds a right on the platform: admins every right, anyone signed in CREATE_WIKI. */
    public boolean may(Caller caller, PlatformRight right) {
        if (caller.anonymous() || caller.token() != null || caller.user().disabled()) {
            return false;
        }
        return caller.admin() || right == PlatformRight.CREATE_WIKI;
    }

    /** Throws the 401 (anonymous) or 403 a caller without the right gets. */
    public void require(Caller caller, PlatformRight right) {
        if (may(caller, right)) {
            return;
        }
        if (caller.anonymous()) {
            throw new WikifarmException.Unauthenticated(right.signIn());
        }
        if (caller.token() != null) {
            throw new WikifarmException.Forbidden("A wiki's token works only inside that wiki.");
        }
        throw new WikifarmException.Forbidden("Only platform administrators may do this.");
    }

    /** Whether a wiki owned by {@code owner} counts against {@code wikisPerAccount}. */
    public boolean counted(User owner) {
        return !may(new Caller(owner), PlatformRight.UNCOUNTED_WIKIS);
    }

    /**
     * Whether the caller may create a local account: anyone while sign-up is open, platform admins always, and
     * anyone at all for the platform's very first account (which becomes its admin).
     */
    public boolean maySignUp(Caller caller, boolean signupOpen, BooleanSupplier noAccountYet) {
        return signupOpen || may(caller, PlatformRight.ADD_ACCOUNTS) || noAccountYet.getAsBoolean();
    }

    /**
     * The door policy: why this caller may not come in through this door at all, or empty when they may. A wiki's
     * token works on that wiki only (its API, web UI and MCP endpoint), never on the platform; the MCP endpoint takes
     * nothing but such a token, so a page in the browser can never drive it with the user's cookie, and neither can
     * a password or a proxy's headers.
     *
     * @param wiki the wiki the door belongs to; null for {@link Door#PLATFORM}
     */
    public static Optional<String> refusal(Door door, Caller caller, TenantId wiki) {
        ApiToken token = caller.token();
        if (token != null && (door == Door.PLATFORM || !token.wiki().equals(wiki))) {
            return Optional.of("This token belongs to another wiki.");
        }
        if (door == Door.MCP && token == null) {
            return Optional.of(caller.anonymous()
                    ? "Send a bearer token of this wiki: Authorization: Bearer wft_… (the wiki's owner makes tokens"
                            + " under Manage → Tokens)."
                    : "Only a bearer token of this wiki may use its MCP endpoint; a signed-in browser session, a"
                            + " password or proxy headers are not accepted.");
        }
        return Optional.empty();
    }

    /**
     * Whom a door acts for. The git door takes only credentials sent with the request itself ({@link Door#GIT}): a
     * caller signed in by a session cookie or a proxy's headers, who sent no {@code Authorization} header, is treated
     * as anonymous there (a public wiki still clones), so a web page in the user's browser can never push with their
     * session. Every other door acts for the caller as signed in.
     */
    public static Caller atDoor(Door door, Caller signedIn, boolean sentAuthorization) {
        if (door == Door.GIT && !sentAuthorization) {
            return Caller.ANONYMOUS;
        }
        return signedIn;
    }
}
