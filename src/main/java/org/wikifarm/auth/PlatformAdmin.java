package org.wikifarm.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.error.WikifarmException.InvalidInput;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.PlatformDatabase.PlatformSqlException;
import org.wikifarm.tenant.FarmHosts;
import org.wikifarm.tenant.PaymentStatus;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.ReadableBy;
import org.wikifarm.tenant.Username;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiRepository;

/**
 * The platform administrators' tools: users (make admin, disable), wikis (list with owner, size, pages, status; set
 * the payment status), whether sign-up is open, custom domains and the health endpoint's details. Each asks
 * {@link Permissions} for its {@link PlatformRight}.
 */
public final class PlatformAdmin {
    public static final String SIGNUP_SETTING = "signup_enabled";

    private final PlatformDatabase db;
    private final UserRepository users;
    private final WikiRepository wikis;
    private final Path wikisDir;
    private final int maxListItems;
    private final FarmHosts hosts;
    private final Permissions permissions;
    private final OpenWikis openWikis;

    /** @param maxListItems the most users or wikis one list answers */
    public PlatformAdmin(PlatformDatabase db, UserRepository users, WikiRepository wikis, Path wikisDir,
                         FarmHosts hosts, int maxListItems, Permissions permissions, OpenWikis openWikis) {
        this.openWikis = openWikis;
        this.db = db;
        this.users = users;
        this.wikis = wikis;
        this.wikisDir = wikisDir;
        this.maxListItems = maxListItems;
        this.hosts = hosts;
        this.permissions = permissions;
    }

    /**
     * What the health endpoint adds for those who may see it: the platform database's statements and the permission
     * decisions computed since start (tests and benchmarks count what a request costs with them).
     */
    public record Counters(long platformStatements, long permissionEvaluations) {
    }

    /** The counters, if the caller may see the health endpoint's details. */
    public Optional<Counters> healthDetails(Caller caller) {
        if (!permissions.may(caller, PlatformRight.HEALTH_DETAILS)) {
            return Optional.empty();
        }
        return Optional.of(new Counters(db.statements(), permissions.evaluations()));
    }

    /** An open wiki with its row of the platform database (empty if the row is gone, e.g. a wiki being deleted). */
    public record OpenWikiLine(OpenWikis.Info open, Optional<Wiki> wiki) {
    }

    /** The wikis open in this process, most recently used first (the admin area's right). */
    public List<OpenWikiLine> openWikis(Caller caller) {
        permissions.require(caller, PlatformRight.ADMIN_AREA);
        return openWikis.list().stream().map(info -> new OpenWikiLine(info, wikis.findById(info.id()))).toList();
    }

    /** Closes one open wiki: 404 if it is not open, 409 if it is in use (never closed under its user). */
    public void closeWiki(Caller caller, String wikiId) {
        permissions.require(caller, PlatformRight.CLOSE_WIKIS);
        if (wikiId == null || !TenantId.isValid(wikiId)) {
            throw new WikifarmException.NotFound("wiki_not_open", "This wiki is not open.");
        }
        openWikis.close(new TenantId(wikiId));
    }

    /** Closes every open wiki nobody is using; answers how many. */
    public int closeIdleWikis(Caller caller) {
        permissions.require(caller, PlatformRight.CLOSE_WIKIS);
        return openWikis.closeIdle();
    }

    /** Throws unless the caller may make admins and disable accounts (before a confirmation screen is shown). */
    public void requireManageUsers(Caller caller) {
        permissions.require(caller, PlatformRight.MANAGE_USERS);
    }

    public List<User> users(Caller caller, int limit, int offset) {
        permissions.require(caller, PlatformRight.ADMIN_AREA);
        InvalidInput.requireListPage(limit, offset, maxListItems);
        return users.list(limit, offset);
    }

    public void setAdmin(Caller caller, String username, boolean admin) {
        permissions.require(caller, PlatformRight.MANAGE_USERS);
        User user = existing(username);
        if (!admin && user.id() == caller.user().id()) {
            throw new WikifarmException.Conflict("last_admin", "You cannot take away your own admin rights.");
        }
        users.setFlag(user.id(), "is_admin", admin);
    }

    public void setDisabled(Caller caller, String username, boolean disabled) {
        permissions.require(caller, PlatformRight.MANAGE_USERS);
        User user = existing(username);
        if (disabled && user.id() == caller.user().id()) {
            throw new WikifarmException.Conflict("self_disable", "You cannot disable your own account.");
        }
        users.setFlag(user.id(), "disabled", disabled);
    }

    public void setPaymentStatus(Caller caller, String wikiId, String status) {
        permissions.require(caller, PlatformRight.SET_PAYMENT_STATUS);
        PaymentStatus parsed;
        try {
            parsed = PaymentStatus.ofDbValue(status == null ? "" : status.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("invalid_payment_status", "The payment status is free, active or lapsed.");
        }
        TenantId id = new TenantId(wikiId);
        wikis.findById(id).orElseThrow(() -> new WikifarmException.NotFound("wiki_not_found", "There is no such wiki."));
        wikis.setPaymentStatus(id, parsed);
    }

    /** The custom domains of a wiki. */
    public List<String> domains(Caller caller, String wikiId) {
        permissions.require(caller, PlatformRight.MANAGE_DOMAINS);
        return wikis.domains(existingWiki(wikiId).id());
    }

    /**
     * Registers a custom domain for a wiki. Only platform admins may: a registered domain is a host the farm trusts
     * with sign-in redirects and session tickets, so it must be one the operator controls and points at the farm.
     */
    public List<String> addDomain(Caller caller, String wikiId, String domain) {
        permissions.require(caller, PlatformRight.MANAGE_DOMAINS);
        Wiki wiki = existingWiki(wikiId);
        String name = hosts.checkCustomDomain(domain);
        try {
            wikis.addDomain(wiki.id(), name);
        } catch (PlatformSqlException e) {
            if (!e.isUniqueViolation()) {
                throw e;
            }
            if (!wikis.domains(wiki.id()).contains(name)) {
                throw new WikifarmException.Conflict("domain_taken", name + " already belongs to another wiki.");
            }
        }
        return wikis.domains(wiki.id());
    }

    public void removeDomain(Caller caller, String wikiId, String domain) {
        permissions.require(caller, PlatformRight.MANAGE_DOMAINS);
        Wiki wiki = existingWiki(wikiId);
        String name = domain == null ? "" : domain.strip().toLowerCase(java.util.Locale.ROOT);
        if (!wikis.removeDomain(wiki.id(), name)) {
            throw new WikifarmException.NotFound("domain_not_found", "This wiki has no domain " + name + ".");
        }
    }

    private Wiki existingWiki(String wikiId) {
        if (wikiId == null || !TenantId.isValid(wikiId)) {
            throw new WikifarmException.NotFound("wiki_not_found", "There is no such wiki.");
        }
        return wikis.findById(new TenantId(wikiId))
                .orElseThrow(() -> new WikifarmException.NotFound("wiki_not_found", "There is no such wiki."));
    }

    public boolean signupEnabled(boolean fallback) {
        return users.platformSetting(SIGNUP_SETTING).map(Boolean::parseBoolean).orElse(fallback);
    }

    public void setSignupEnabled(Caller caller, boolean enabled) {
        permissions.require(caller, PlatformRight.SWITCH_SIGNUP);
        users.setPlatformSetting(SIGNUP_SETTING, Boolean.toString(enabled));
    }

    private User existing(String username) {
        if (username == null || !org.wikifarm.tenant.NameRules.isValid(username)) {
            throw new WikifarmException.NotFound("user_not_found", "There is no such user.");
        }
        return users.findByUsername(new Username(username))
                .orElseThrow(() -> new WikifarmException.NotFound("user_not_found", "There is no such user."));
    }
}
