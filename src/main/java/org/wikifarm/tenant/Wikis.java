package org.wikifarm.tenant;

import org.wikifarm.store.TenantId;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.wikifarm.config.Settings;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.error.WikifarmException.InvalidInput;
import org.wikifarm.limit.KeyedLocks;
import org.wikifarm.limit.Text;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.PlatformDatabase.PlatformSqlException;

/**
 * Creating and listing wikis, once {@code auth} has decided who may (see {@code auth.WikiCatalog}). An account owns
 * at most {@code wikisPerAccount} wikis unless it is exempt; the count is checked under the owner's lock, which
 * transfers of ownership take too.
 */
public final class Wikis {
    private static final long ACCESS_RECORD_MILLIS = 60_000;
    private static final long CHANGE_RECORD_MILLIS = 5_000;

    private final PlatformDatabase db;
    private final WikiRepository repository;
    private final OpenWikis files;
    private final Settings.Limits limits;
    private final Clock clock;
    private final Start start;
    private final KeyedLocks ownerLocks = new KeyedLocks(64);
    private final Map<TenantId, Long> lastRecordedAccess = new ConcurrentHashMap<>();
    private final Map<TenantId, Long> lastRecordedChange = new ConcurrentHashMap<>();
    private final Object singleLock = new Object();
    private volatile SingleWiki single;
    private volatile WikiNodes nodes = WikiNodes.ALONE;

    public Wikis(PlatformDatabase db, WikiRepository repository, OpenWikis files, Settings.Limits limits) {
        this(db, repository, files, limits, Clock.systemUTC());
    }

    /** @param clock when wikis are created and used */
    public Wikis(PlatformDatabase db, WikiRepository repository, OpenWikis files, Settings.Limits limits,
                 Clock clock) {
        this(db, repository, files, limits, clock, Start.WITH_HOME);
    }

    /** @param start what a new wiki's repository holds: the Home that says how to begin, or (for tests) nothing */
    public Wikis(PlatformDatabase db, WikiRepository repository, OpenWikis files, Settings.Limits limits,
                 Clock clock, Start start) {
        this.db = db;
        this.repository = repository;
        this.files = files;
        this.limits = limits;
        this.clock = clock;
        this.start = start;
    }

    /** Single-wiki mode: from now on a wiki is created only while there is none (409 {@code single_wiki_mode}). */
    public void onlyOne(SingleWiki served) {
        this.single = served;
    }

    /** Several nodes: new wikis go where {@code nodes} places them (docs/scale-out.md). */
    public void placeWith(WikiNodes placement) {
        this.nodes = placement;
    }

    /** What a new wiki starts with. */
    public enum Start {
        /** Its Home page, which says how to begin ({@link FirstHome}): what every wiki of the product gets. */
        WITH_HOME,
        /** Nothing: for tests of pages that write every page they look at themselves. */
        EMPTY
    }

    /**
     * Creates a wiki owned by {@code ownerId}: files first (built aside and moved into place, the repository with its
     * first page, {@link FirstHome}), then the platform rows in one transaction; if the rows cannot be written the
     * files are removed again.
     *
     * @param counted whether the wiki counts against the owner's {@code wikisPerAccount} (auth decides)
     */
    public Wiki create(long ownerId, Username owner, String slug, String displayName, boolean isPublic,
                       boolean counted) {
        Slug checkedSlug = new Slug(slug);
        String name = displayName == null || displayName.isBlank() ? checkedSlug.value() : displayName.strip();
        if (Text.chars(name) > limits.maxNameChars() || Text.controlAt(name, false) >= 0) {
            throw new InvalidInput("invalid_display_name", "A display name may have at most "
                    + limits.maxNameChars() + " characters and no control characters.");
        }
        return withRoomFor(ownerId, counted, "You already own %,d wikis, the most one account may own;"
                + " ask a platform administrator if you need more.",
                () -> insert(ownerId, owner, checkedSlug, name, isPublic, null, counted));
    }

    /**
     * Creates a wiki as {@link #create} does, but with files that {@code files} makes for the new id (a copy restored
     * from a snapshot) instead of a new Home page; {@code pageCount} is what they hold. The rows are written after the
     * files, and if they cannot be the files are removed again.
     */
    public Wiki createWith(long ownerId, Username owner, String slug, String displayName, boolean counted,
                           int pageCount, Consumer<TenantId> files) {
        Slug checkedSlug = new Slug(slug);
        String name = displayName == null || displayName.isBlank() ? checkedSlug.value() : displayName.strip();
        if (Text.chars(name) > limits.maxNameChars() || Text.controlAt(name, false) >= 0) {
            throw new InvalidInput("invalid_display_name", "A display name may have at most "
                    + limits.maxNameChars() + " characters and no control characters.");
        }
        return withRoomFor(ownerId, counted, "You already own %,d wikis, the most one account may own;"
                + " ask a platform administrator if you need more.",
                () -> insert(ownerId, owner, checkedSlug, name, false, new Copy(pageCount, files), counted));
    }

    private record Copy(int pageCount, Consumer<TenantId> files) {
    }

    /**
     * Runs {@code work}, which gives {@code ownerId} one more wiki, if the account may own one more; otherwise 409
     * with {@code refusal} (formatted with the count). Counted and run under the account's lock, so two requests at
     * once cannot both take the last place; an account that is not {@code counted} (auth decides: platform admins)
     * always has room.
     */
    public <T> T withRoomFor(long ownerId, boolean counted, String refusal, Supplier<T> work) {
        return ownerLocks.with(ownerId, () -> {
            if (counted) {
                int owned = repository.countOwnedBy(ownerId);
                if (owned >= limits.wikisPerAccount()) {
                    throw new WikifarmException.Conflict("too_many_wikis",
                            String.format(Locale.ROOT, refusal, owned));
                }
            }
            return work.get();
        });
    }

    private Wiki insert(long ownerId, Username owner, Slug checkedSlug, String name, boolean isPublic, Copy copy,
                        boolean counted) {
        SingleWiki served = single;
        if (served == null) {
            return insertChecked(ownerId, owner, checkedSlug, name, isPublic, copy, counted);
        }
        // One lock for every owner: two first wikis at once would otherwise both find none.
        synchronized (singleLock) {
            served.refuseSecond();
            return insertChecked(ownerId, owner, checkedSlug, name, isPublic, copy, counted);
        }
    }

    private Wiki insertChecked(long ownerId, Username owner, Slug checkedSlug, String name, boolean isPublic,
                               Copy copy, boolean counted) {
        if (repository.findByOwnerAndSlug(owner, checkedSlug).isPresent()) {
            throw slugTaken(checkedSlug);
        }
        // One page: the Home that says how to begin, the first commit of the wiki's repository.
        boolean home = copy == null && start == Start.WITH_HOME;
        Wiki wiki = new Wiki(TenantId.generate(), ownerId, owner, checkedSlug, null, name, AccessLevels.of(isPublic),
                PaymentStatus.FREE, clock.instant(), null, copy != null ? copy.pageCount() : home ? 1 : 0);
        WikiNodes placement = nodes;
        // A copy's files are here already; a new wiki goes where placement says, which writes files and rows there.
        String node = copy != null ? placement.self() : placement.placeNew(wiki.id());
        if (!node.equals(placement.self())) {
            placement.createOn(node, wiki, counted);
            db.changed();
            return wiki;
        }
        return createHere(wiki, copy, counted);
    }

    /**
     * The files and rows of a wiki placed on this node by another ({@link WikiNodes#createOn}), which checked who
     * may create it; the address is checked again here, as the database itself does.
     */
    public Wiki createPlacedHere(Wiki wiki, boolean counted) {
        if (repository.findByOwnerAndSlug(wiki.owner(), wiki.slug()).isPresent()) {
            throw slugTaken(wiki.slug());
        }
        return createHere(wiki, null, counted);
    }

    /**
     * @param counted whether the owner's {@code wikisPerAccount} applies: counted again inside the transaction that
     *                writes the rows, with the other nodes' creations kept out until it ends, so two nodes creating
     *                at once cannot both take an account's last place
     */
    private Wiki createHere(Wiki wiki, Copy copy, boolean counted) {
        boolean home = copy == null && start == Start.WITH_HOME && wiki.pageCount() == 1;
        if (copy != null) {
            copy.files().accept(wiki.id());
        } else {
            files.create(wiki.id(), home ? FirstHome.at(wiki.createdAt()) : null);
        }
        try {
            db.inTransaction(connection -> {
                if (counted) {
                    db.dialect().lockForWriting(connection, "wikis");
                    int owned = repository.countOwnedBy(connection, wiki.ownerId());
                    if (owned >= limits.wikisPerAccount()) {
                        throw new WikifarmException.Conflict("too_many_wikis", String.format(Locale.ROOT,
                                "You already own %,d wikis, the most one account may own; ask a platform"
                                        + " administrator if you need more.", owned));
                    }
                }
                repository.insert(connection, wiki, nodes.self());
                repository.grantOwner(connection, wiki);
                return null;
            });
        } catch (RuntimeException e) {
            files.delete(wiki.id());
            if (e instanceof PlatformSqlException sql && sql.isUniqueViolation()) {
                throw slugTaken(wiki.slug());
            }
            throw e;
        }
        nodes.arrived(wiki);
        return wiki;
    }

    /** The wikis {@code filter} lets through, newest first. */
    public List<Wiki> list(ReadableBy filter, int limit, int offset) {
        return repository.list(filter, limit, offset);
    }

    public List<Wiki> listOwnedOrShared(long userId, int limit) {
        return repository.listOwnedOrShared(userId, limit);
    }

    public java.util.Optional<Wiki> findByOwnerAndSlug(Username owner, Slug slug) {
        return repository.findByOwnerAndSlug(owner, slug);
    }

    public java.util.Optional<Wiki> findById(TenantId id) {
        return repository.findById(id);
    }

    /** Records that the wiki was used, at most once a minute per wiki so reads do not turn into writes. */
    public void recordAccess(TenantId id) {
        long now = clock.millis();
        Long last = lastRecordedAccess.get(id);
        if (last == null || now - last > ACCESS_RECORD_MILLIS) {
            lastRecordedAccess.put(id, now);
            repository.setLastAccessed(id, Instant.ofEpochMilli(now));
        }
    }

    /**
     * Records that the wiki's pages changed, for the "Select wiki" screen: at most once every
     * {@value #CHANGE_RECORD_MILLIS} ms per wiki, so a burst of saves costs one platform write.
     */
    public void recordChange(TenantId id) {
        long now = clock.millis();
        Long last = lastRecordedChange.get(id);
        if (last == null || now - last > CHANGE_RECORD_MILLIS) {
            lastRecordedChange.put(id, now);
            repository.setLastChanged(id, Instant.ofEpochMilli(now));
        }
    }

    /** The wikis {@code filter} lets through, filtered by {@code text}, {@code first} first (see the repository). */
    public List<WikiChoice> choices(ReadableBy filter, String text, List<TenantId> first, int limit) {
        return repository.choices(filter, text, first, limit);
    }

    private static WikifarmException slugTaken(Slug slug) {
        return new WikifarmException.Conflict("slug_taken", "You already have a wiki called '" + slug + "'.");
    }
}
