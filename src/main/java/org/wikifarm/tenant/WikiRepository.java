package org.wikifarm.tenant;

import org.wikifarm.store.TenantId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.wikifarm.store.PlatformDatabase;

/**
 * The {@code wikis} and {@code wiki_domains} tables of the platform database. Custom slugs share one namespace with
 * usernames ({@code host_names}, kept by triggers): a custom slug that a user or another wiki holds is refused by the
 * database itself, so no race can give one host to two owners.
 */
public final class WikiRepository implements WikiDirectory {
    private static final String SELECT = "SELECT w.id, w.owner, u.username, w.slug, w.custom_slug, w.display_name,"
            + " w.is_public, w.payment_status, w.created_at, w.last_accessed, w.page_count"
            + " FROM wikis w JOIN users u ON u.id = w.owner ";

    private static final long RECENT_NANOS = 2_000_000_000L;
    private static final int MAX_RECENT = 10_000;

    private final PlatformDatabase db;
    private final Map<String, Recent> recentByOwnerAndSlug = new ConcurrentHashMap<>();

    public WikiRepository(PlatformDatabase db) {
        this.db = db;
    }

    public void insert(Connection connection, Wiki wiki) throws SQLException {
        forgetRecent();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO wikis (id, owner, slug, custom_slug,"
                + " display_name, is_public, payment_status, created_at, page_count) VALUES (?,?,?,?,?,?,?,?,?)")) {
            insert.setString(1, wiki.id().value());
            insert.setLong(2, wiki.ownerId());
            insert.setString(3, wiki.slug().value());
            insert.setString(4, wiki.customSlug() == null ? null : wiki.customSlug().value());
            insert.setString(5, wiki.displayName());
            insert.setBoolean(6, wiki.isPublic());
            insert.setString(7, wiki.paymentStatus().dbValue());
            insert.setString(8, wiki.createdAt().toString());
            insert.setInt(9, wiki.pageCount());
            insert.executeUpdate();
        }
    }

    /** The owner's row in the ACL, written with the wiki so every role lives in one table. */
    public void grantOwner(Connection connection, Wiki wiki) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO acl (wiki, grantee, role, granted_by, granted_at) VALUES (?, ?, 'owner', ?, ?)")) {
            insert.setString(1, wiki.id().value());
            insert.setLong(2, wiki.ownerId());
            insert.setLong(3, wiki.ownerId());
            insert.setString(4, wiki.createdAt().toString());
            insert.executeUpdate();
        }
    }

    public Optional<Wiki> findById(TenantId id) {
        return one(SELECT + "WHERE w.id = ?", id.value());
    }

    /**
     * Every request to a wiki looks it up by owner and slug, so answers are remembered for two seconds. A change made
     * on this node forgets them at once; another node's change is seen when they expire.
     */
    @Override
    public Optional<Wiki> findByOwnerAndSlug(Username owner, Slug slug) {
        String key = owner.value() + "/" + slug.value();
        long now = System.nanoTime();
        Recent recent = recentByOwnerAndSlug.get(key);
        if (recent != null && now - recent.at() < RECENT_NANOS) {
            return recent.wiki();
        }
        Optional<Wiki> found = one(SELECT + "WHERE u.username = ? AND w.slug = ?", owner.value(), slug.value());
        if (recentByOwnerAndSlug.size() >= MAX_RECENT) {
            recentByOwnerAndSlug.clear();
        }
        recentByOwnerAndSlug.put(key, new Recent(found, now));
        return found;
    }

    private record Recent(Optional<Wiki> wiki, long at) {
    }

    @Override
    public Optional<Wiki> findByCustomSlug(Slug customSlug) {
        return one(SELECT + "WHERE w.custom_slug = ?", customSlug.value());
    }

    @Override
    public Optional<Wiki> findByDomain(String domain) {
        return one(SELECT + "JOIN wiki_domains d ON d.wiki_id = w.id WHERE d.domain = ?", domain);
    }

    @Override
    public boolean userExists(Username username) {
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM users WHERE username = ?")) {
                query.setString(1, username.value());
                try (ResultSet result = query.executeQuery()) {
                    return result.next();
                }
            }
        });
    }

    /**
     * The wikis a user may see in listings: their own, those they have a role on, and public ones; all for an
     * admin. {@code userId} null means anonymous (public wikis only). Newest first.
     */
    public List<Wiki> listVisible(Long userId, boolean admin, int limit, int offset) {
        String where = admin ? "" : userId == null ? "WHERE w.is_public = 1 "
                : "WHERE w.is_public = 1 OR w.owner = ? OR w.id IN (SELECT wiki FROM acl WHERE grantee = ?) ";
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    SELECT + where + "ORDER BY w.created_at DESC, w.id LIMIT ? OFFSET ?")) {
                int index = 1;
                if (!admin && userId != null) {
                    query.setLong(index++, userId);
                    query.setLong(index++, userId);
                }
                query.setInt(index++, limit);
                query.setInt(index, offset);
                return all(query);
            }
        });
    }

    /** The wikis a user owns or has a role on, most recently used first. */
    public List<Wiki> listOwnedOrShared(long userId, int limit) {
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement(SELECT
                    + "WHERE w.owner = ? OR w.id IN (SELECT wiki FROM acl WHERE grantee = ?)"
                    + " ORDER BY coalesce(w.last_accessed, w.created_at) DESC LIMIT ?")) {
                query.setLong(1, userId);
                query.setLong(2, userId);
                query.setInt(3, limit);
                return all(query);
            }
        });
    }

    /** How many wikis the account owns. */
    public int countOwnedBy(long userId) {
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM wikis WHERE owner = ?")) {
                query.setLong(1, userId);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? row.getInt(1) : 0;
                }
            }
        });
    }

    /** Whether the account is a platform admin, whose wikis are not counted against {@code wikisPerAccount}. */
    public boolean ownerIsAdmin(long userId) {
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT is_admin FROM users WHERE id = ?")) {
                query.setLong(1, userId);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() && row.getBoolean(1);
                }
            }
        });
    }

    public void updateSettings(TenantId id, String displayName, boolean isPublic) {
        update("UPDATE wikis SET display_name = ?, is_public = ? WHERE id = ?", displayName, isPublic ? 1 : 0,
                id.value());
    }

    /**
     * Sets or clears (null) a wiki's custom slug.
     *
     * @throws PlatformDatabase.PlatformSqlException a unique violation when a user or another wiki holds the name
     */
    public void setCustomSlug(TenantId id, Slug customSlug) {
        update("UPDATE wikis SET custom_slug = ? WHERE id = ?", customSlug == null ? null : customSlug.value(),
                id.value());
    }

    /** The custom domains registered for a wiki, sorted. */
    public List<String> domains(TenantId id) {
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT domain FROM wiki_domains WHERE wiki_id = ? ORDER BY domain")) {
                query.setString(1, id.value());
                List<String> domains = new ArrayList<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        domains.add(row.getString(1));
                    }
                }
                return domains;
            }
        });
    }

    /**
     * Registers a custom domain for a wiki.
     *
     * @throws PlatformDatabase.PlatformSqlException a unique violation when another wiki has the domain
     */
    public void addDomain(TenantId id, String domain) {
        update("INSERT INTO wiki_domains (domain, wiki_id) VALUES (?, ?)", domain, id.value());
    }

    /** Removes a custom domain from a wiki; false if the wiki did not have it. */
    public boolean removeDomain(TenantId id, String domain) {
        boolean removed = db.withConnection(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM wiki_domains WHERE wiki_id = ? AND domain = ?")) {
                delete.setString(1, id.value());
                delete.setString(2, domain);
                return delete.executeUpdate() > 0;
            }
        });
        forgetRecent();
        return removed;
    }

    /** Whether a user or a wiki's custom slug holds this host label. */
    public boolean hostNameTaken(String name) {
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM host_names WHERE name = ?")) {
                query.setString(1, name);
                try (ResultSet result = query.executeQuery()) {
                    return result.next();
                }
            }
        });
    }

    public void setPaymentStatus(TenantId id, PaymentStatus status) {
        update("UPDATE wikis SET payment_status = ? WHERE id = ?", status.dbValue(), id.value());
    }

    /** Makes {@code newOwner} the owner; run inside the transaction that also rewrites the ACL. */
    public void setOwner(Connection connection, TenantId id, long newOwner) throws SQLException {
        forgetRecent();
        try (PreparedStatement update = connection.prepareStatement("UPDATE wikis SET owner = ? WHERE id = ?")) {
            update.setLong(1, newOwner);
            update.setString(2, id.value());
            update.executeUpdate();
        }
    }

    public void setPageCount(TenantId id, int pageCount) {
        update("UPDATE wikis SET page_count = ? WHERE id = ?", pageCount, id.value());
    }

    public void setLastAccessed(TenantId id, Instant when) {
        update("UPDATE wikis SET last_accessed = ? WHERE id = ?", when.toString(), id.value());
    }

    /** Forgets remembered lookups after a change to any wiki or user on this node. */
    public void forgetRecent() {
        recentByOwnerAndSlug.clear();
    }

    private void update(String sql, Object... parameters) {
        db.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                return statement.executeUpdate();
            }
        });
        forgetRecent();
    }

    private Optional<Wiki> one(String sql, String... parameters) {
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    query.setString(i + 1, parameters[i]);
                }
                return all(query).stream().findFirst();
            }
        });
    }

    private static List<Wiki> all(PreparedStatement query) throws SQLException {
        List<Wiki> wikis = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                String customSlug = row.getString("custom_slug");
                String lastAccessed = row.getString("last_accessed");
                wikis.add(new Wiki(new TenantId(row.getString("id")), row.getLong("owner"),
                        new Username(row.getString("username")), new Slug(row.getString("slug")),
                        customSlug == null ? null : new Slug(customSlug), row.getString("display_name"),
                        row.getBoolean("is_public"), PaymentStatus.ofDbValue(row.getString("payment_status")),
                        Instant.parse(row.getString("created_at")),
                        lastAccessed == null ? null : Instant.parse(lastAccessed), row.getInt("page_count")));
            }
        }
        return wikis;
    }
}
