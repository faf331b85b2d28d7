package org.wikifarm.tenant;

import org.wikifarm.store.TenantId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.wikifarm.store.Freshness;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.PlatformDialect;

/**
 * The {@code wikis} and {@code wiki_domains} tables of the platform database. Custom slugs share one namespace with
 * usernames ({@code host_names}, kept by triggers): a custom slug that a user or another wiki holds is refused by the
 * database itself, so no race can give one host to two owners. A wiki's row holds its access levels too, the one
 * place they are stored.
 *
 * <p>Every request names its wiki, so the lookups a request makes (by owner and slug, custom slug, domain, whether a
 * user exists) are remembered as {@link PlatformDatabase#freshness()} allows: each write here that changes a wiki's
 * address, owner, levels or status retires them at once on this node; another node's within the bound.
 */
public final class WikiRepository implements WikiDirectory {
    private static final String SELECT = "SELECT w.id, w.owner, u.username, w.slug, w.custom_slug, w.display_name,"
            + " w.read_access, w.write_access, w.attachment_access, w.payment_status, w.created_at, w.last_accessed,"
            + " w.page_count FROM wikis w JOIN users u ON u.id = w.owner ";

    private static final int MAX_REMEMBERED = 10_000;

    private final PlatformDatabase db;
    private final Freshness.Remembered<String, Optional<Wiki>> lookups;
    private final Freshness.Remembered<String, Boolean> users;

    public WikiRepository(PlatformDatabase db) {
        this.db = db;
        this.lookups = db.freshness().remembered(MAX_REMEMBERED);
        this.users = db.freshness().remembered(MAX_REMEMBERED);
    }

    public void insert(Connection connection, Wiki wiki) throws SQLException {
        insert(connection, wiki, null);
    }

    /** The wiki's row, held by {@code node} (null: not placed yet, claimed later by the node with its files). */
    public void insert(Connection connection, Wiki wiki, String node) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO wikis (id, owner, slug, custom_slug,"
                + " display_name, read_access, write_access, attachment_access, payment_status, created_at,"
                + " page_count, node) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
            insert.setString(1, wiki.id().value());
            insert.setLong(2, wiki.ownerId());
            insert.setString(3, wiki.slug().value());
            insert.setString(4, wiki.customSlug() == null ? null : wiki.customSlug().value());
            insert.setString(5, wiki.displayName());
            insert.setString(6, wiki.access().read().name());
            insert.setString(7, wiki.access().write().name());
            insert.setString(8, wiki.access().attachment().name());
            insert.setString(9, wiki.paymentStatus().dbValue());
            insert.setString(10, wiki.createdAt().toString());
            insert.setInt(11, wiki.pageCount());
            insert.setString(12, node);
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

    /** The wiki a request names by owner and slug: every request in path mode asks, so the answer is remembered. */
    @Override
    public Optional<Wiki> findByOwnerAndSlug(Username owner, Slug slug) {
        return lookups.get("owner " + owner.value() + "/" + slug.value(),
                key -> one(SELECT + "WHERE u.username = ? AND w.slug = ?", owner.value(), slug.value()));
    }

    @Override
    public Optional<Wiki> findByCustomSlug(Slug customSlug) {
        return lookups.get("custom " + customSlug.value(),
                key -> one(SELECT + "WHERE w.custom_slug = ?", customSlug.value()));
    }

    @Override
    public Optional<Wiki> findByDomain(String domain) {
        return lookups.get("domain " + domain,
                key -> one(SELECT + "JOIN wiki_domains d ON d.wiki_id = w.id WHERE d.domain = ?", domain));
    }

    /**
     * The platform's first wiki (single-wiki mode serves it when {@code singleWiki} is unset, and refuses a second
     * one): every request in single mode asks, so the answer is remembered; a new wiki's transaction retires it.
     */
    public Optional<Wiki> onlyWiki() {
        return lookups.get("only", key -> one(SELECT + "ORDER BY w.created_at, w.id LIMIT 1"));
    }

    /** Whether a username exists (host mode asks it for every request to a user's host). */
    @Override
    public boolean userExists(Username username) {
        return users.get(username.value(), name -> db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM users WHERE username = ?")) {
                query.setString(1, name);
                try (ResultSet result = query.executeQuery()) {
                    return result.next();
                }
            }
        }));
    }

    /**
     * Every wiki, in the order {@code orderBy} gives (an ORDER BY list over the columns of {@code wikis w} and
     * {@code users u}, written by the caller's code, never taken from a request), for the platform admin's list.
     */
    public List<Wiki> listAll(String orderBy, int limit, int offset) {
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    SELECT + "ORDER BY " + orderBy + ", w.id LIMIT ? OFFSET ?")) {
                query.setInt(1, limit);
                query.setInt(2, offset);
                return all(query);
            }
        });
    }

    /** The wikis {@code filter} lets through, newest first. */
    public List<Wiki> list(ReadableBy filter, int limit, int offset) {
        List<Object> parameters = new ArrayList<>();
        String where = where(filter, parameters);
        if (where == null) {
            return List.of();
        }
        parameters.add(limit);
        parameters.add(offset);
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    SELECT + where + "ORDER BY w.created_at DESC, w.id LIMIT ? OFFSET ?")) {
                bind(query, parameters);
                return all(query);
            }
        });
    }

    /**
     * The wikis {@code filter} lets through whose display name, name or owner contains {@code text} (ignoring ASCII
     * case; null or blank: all), with when their pages last changed: the {@code ids} named first in their order (the
     * ones the caller used last), then the others, most recently changed first; at most {@code limit}.
     */
    public List<WikiChoice> choices(ReadableBy filter, String text, List<TenantId> ids, int limit) {
        List<Object> parameters = new ArrayList<>();
        String where = where(filter, parameters);
        if (where == null || limit < 1) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder(SELECT.replace(" FROM wikis w", ", w.last_changed_at FROM wikis w"))
                .append(where.isEmpty() ? "WHERE 1 = 1 " : "WHERE (" + where.substring("WHERE ".length()) + ") ");
        if (text != null && !text.isBlank()) {
            PlatformDialect dialect = db.dialect();
            sql.append("AND (" + dialect.contains("lower(w.display_name)") + " OR " + dialect.contains("lower(w.slug)")
                    + " OR " + dialect.contains("lower(u.username)") + ") ");
            String needle = text.strip().toLowerCase(java.util.Locale.ROOT);
            parameters.add(needle);
            parameters.add(needle);
            parameters.add(needle);
        }
        sql.append("ORDER BY ");
        if (!ids.isEmpty()) {
            sql.append("CASE w.id");
            int rank = 0;
            for (TenantId id : ids) {
                sql.append(" WHEN ? THEN ").append(rank++);
                parameters.add(id.value());
            }
            sql.append(" ELSE ").append(rank).append(" END, ");
        }
        sql.append("coalesce(w.last_changed_at, w.created_at) DESC, w.id LIMIT ?");
        parameters.add(limit);
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
                bind(query, parameters);
                List<WikiChoice> found = new ArrayList<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        String changed = row.getString("last_changed_at");
                        found.add(new WikiChoice(wiki(row), changed == null ? null : Instant.parse(changed)));
                    }
                }
                return found;
            }
        });
    }

    /**
     * The WHERE clause (with its trailing space) that lets through what {@code filter} does, its parameters added to
     * {@code parameters}; "" for everything, null for nothing.
     */
    private static String where(ReadableBy filter, List<Object> parameters) {
        if (filter.all()) {
            return "";
        }
        if (filter.only() != null) {
            parameters.add(filter.only().value());
            return "WHERE w.id = ? ";
        }
        List<String> open = new ArrayList<>();
        if (!filter.levels().isEmpty()) {
            String levels = filter.levels().stream().map(level -> "'" + level.name() + "'")
                    .collect(Collectors.joining(", ", "(", ")"));
            open.add("w.read_access IN " + levels + " OR w.write_access IN " + levels
                    + " OR w.attachment_access IN " + levels);
        }
        if (filter.member() != null) {
            open.add("w.owner = ? OR w.id IN (SELECT wiki FROM acl WHERE grantee = ?)");
            parameters.add(filter.member());
            parameters.add(filter.member());
        }
        return open.isEmpty() ? null : "WHERE " + String.join(" OR ", open) + " ";
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
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
        return db.withConnection(connection -> countOwnedBy(connection, userId));
    }

    /** The same count on {@code connection}, inside the caller's transaction. */
    public int countOwnedBy(Connection connection, long userId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM wikis WHERE owner = ?")) {
            query.setLong(1, userId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }

    /** Sets the display name and the access levels. */
    public void updateSettings(TenantId id, String displayName, AccessLevels access) {
        change("UPDATE wikis SET display_name = ?, read_access = ?, write_access = ?, attachment_access = ?"
                + " WHERE id = ?", displayName, access.read().name(), access.write().name(),
                access.attachment().name(), id.value());
    }

    /**
     * Sets or clears (null) a wiki's custom slug.
     *
     * @throws PlatformDatabase.PlatformSqlException a unique violation when a user or another wiki holds the name
     */
    public void setCustomSlug(TenantId id, Slug customSlug) {
        change("UPDATE wikis SET custom_slug = ? WHERE id = ?", customSlug == null ? null : customSlug.value(),
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
        change("INSERT INTO wiki_domains (domain, wiki_id) VALUES (?, ?)", domain, id.value());
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
        db.changed();
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
        change("UPDATE wikis SET payment_status = ? WHERE id = ?", status.dbValue(), id.value());
    }

    /** Makes {@code newOwner} the owner; run inside the transaction that also rewrites the ACL. */
    public void setOwner(Connection connection, TenantId id, long newOwner) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE wikis SET owner = ? WHERE id = ?")) {
            update.setLong(1, newOwner);
            update.setString(2, id.value());
            update.executeUpdate();
        }
    }

    /**
     * Neither the page count nor the last access decide anything or name a wiki, so these writes leave remembered
     * lookups alone (a remembered row may show a page count up to {@code authCacheSeconds} old; lists read afresh).
     */
    public void setPageCount(TenantId id, int pageCount) {
        update("UPDATE wikis SET page_count = ? WHERE id = ?", pageCount, id.value());
    }

    /** When the wiki's pages last changed (a commit), for the "Select wiki" screen; decides nothing either. */
    public void setLastChanged(TenantId id, Instant when) {
        update("UPDATE wikis SET last_changed_at = ? WHERE id = ?", when.toString(), id.value());
    }

    public void setLastAccessed(TenantId id, Instant when) {
        update("UPDATE wikis SET last_accessed = ? WHERE id = ?", when.toString(), id.value());
    }

    /** A write that changes a wiki's address, owner, levels or status: what was remembered is retired. */
    private void change(String sql, Object... parameters) {
        update(sql, parameters);
        db.changed();
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
                wikis.add(wiki(row));
            }
        }
        return wikis;
    }

    private static Wiki wiki(ResultSet row) throws SQLException {
        String customSlug = row.getString("custom_slug");
        String lastAccessed = row.getString("last_accessed");
        return new Wiki(new TenantId(row.getString("id")), row.getLong("owner"),
                new Username(row.getString("username")), new Slug(row.getString("slug")),
                customSlug == null ? null : new Slug(customSlug), row.getString("display_name"),
                new AccessLevels(AccessLevel.valueOf(row.getString("read_access")),
                        AccessLevel.valueOf(row.getString("write_access")),
                        AccessLevel.valueOf(row.getString("attachment_access"))),
                PaymentStatus.ofDbValue(row.getString("payment_status")),
                Instant.parse(row.getString("created_at")),
                lastAccessed == null ? null : Instant.parse(lastAccessed), row.getInt("page_count"));
    }
}
