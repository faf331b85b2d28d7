package org.wikifarm.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.wikifarm.store.Freshness;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.Username;

/**
 * The {@code users} and {@code acl} tables of the platform database. What every request asks — the signed-in user
 * with their password hash, a role on a wiki, an account's credentials for HTTP Basic — is remembered as
 * {@link PlatformDatabase#freshness()} allows: every write here that changes an answer (an account's flags,
 * password, profile; a grant or revoke, in the transaction that commits it) retires it at once on this node.
 */
public final class UserRepository {
    public static final String LOCAL_PROVIDER = "local";
    private static final String COLUMNS = "id, username, email, display_name, is_admin, disabled, created_at";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM users ";
    private static final int MAX_REMEMBERED = 10_000;

    /** A role on a wiki, as remembered. */
    private record RoleKey(TenantId wiki, long user) {
    }

    private final PlatformDatabase db;
    private final Freshness.Remembered<Long, Optional<WithPasswordHash>> byId;
    private final Freshness.Remembered<String, Optional<LocalCredentials>> credentials;
    private final Freshness.Remembered<RoleKey, Optional<Role>> roles;

    public UserRepository(PlatformDatabase db) {
        this.db = db;
        this.byId = db.freshness().remembered(MAX_REMEMBERED);
        this.credentials = db.freshness().remembered(MAX_REMEMBERED);
        this.roles = db.freshness().remembered(MAX_REMEMBERED);
    }

    /** What the answers read here may be remembered for; {@link Permissions} bounds its decisions by it too. */
    Freshness freshness() {
        return db.freshness();
    }

    /** Inserts a local account; the very first account of the platform becomes admin (decided atomically). */
    public User insertLocal(Username username, String email, String displayName, String passwordHash) {
        return insert(username, email, displayName, LOCAL_PROVIDER, username.value(), passwordHash);
    }

    /**
     * The user a trusted proxy's identity belongs to, keyed by (provider, subject); created on first sight with a
     * username derived from the email or subject (made unique with a number), its email and name kept up to date.
     */
    public User provision(ProxyIdentity identity) {
        Optional<User> known = db.withConnection(connection -> one(connection,
                SELECT + "WHERE auth_provider = ? AND auth_subject = ?", ProxyIdentity.PROVIDER, identity.subject()));
        if (known.isPresent()) {
            User user = known.get();
            boolean profileChanged = identity.email() != null && !identity.email().equals(user.email())
                    || identity.name() != null && !identity.name().equals(user.displayName());
            db.withConnection(connection -> {
                try (PreparedStatement update = connection.prepareStatement("UPDATE users SET last_seen = ?,"
                        + " email = coalesce(?, email), display_name = coalesce(?, display_name) WHERE id = ?")) {
                    update.setString(1, Instant.now().toString());
                    update.setString(2, identity.email());
                    update.setString(3, identity.name());
                    update.setLong(4, user.id());
                    return update.executeUpdate();
                }
            });
            if (profileChanged) {
                db.changed();
            }
            return user;
        }
        String base = UsernameSuggestion.from(identity.email() != null ? identity.email() : identity.subject());
        for (int attempt = 1; attempt <= 50; attempt++) {
            Username candidate = UsernameSuggestion.numbered(base, attempt);
            if (nameTaken(candidate.value())) {
                continue;
            }
            try {
                return insert(candidate, identity.email(), identity.name(), ProxyIdentity.PROVIDER,
                        identity.subject(), null);
            } catch (PlatformDatabase.PlatformSqlException e) {
                if (!e.isUniqueViolation()) {
                    throw e;
                }
                // Someone took the name (a user, a wiki's custom slug, or the same subject) meanwhile: look again.
                Optional<User> raced = db.withConnection(connection -> one(connection,
                        SELECT + "WHERE auth_provider = ? AND auth_subject = ?", ProxyIdentity.PROVIDER,
                        identity.subject()));
                if (raced.isPresent()) {
                    return raced.get();
                }
            }
        }
        throw new IllegalStateException("Could not find a free username for " + identity.subject());
    }

    private User insert(Username username, String email, String displayName, String provider, String subject,
                        String passwordHash) {
        return db.inTransaction(connection -> {
            // Two sign-ups at once on an empty farm must not both find no account and both become admin.
            db.dialect().lockForWriting(connection, "users");
            boolean first;
            try (Statement count = connection.createStatement();
                 ResultSet result = count.executeQuery("SELECT count(*) FROM users")) {
                first = result.next() && result.getLong(1) == 0;
            }
            Instant now = Instant.now();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO users (username, email,"
                    + " display_name, auth_provider, auth_subject, password_hash, is_admin, created_at, last_seen)"
                    + " VALUES (?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, username.value());
                insert.setString(2, email);
                insert.setString(3, displayName);
                insert.setString(4, provider);
                insert.setString(5, subject);
                insert.setString(6, passwordHash);
                insert.setInt(7, first ? 1 : 0);
                insert.setString(8, now.toString());
                insert.setString(9, now.toString());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return new User(keys.getLong(1), username, email, displayName, first, false, now);
                }
            }
        });
    }

    /**
     * Whether the name is held as a username or as a wiki's custom slug: the two share one namespace (both are host
     * labels in host mode), enforced by the {@code host_names} table, which an insert here also claims.
     */
    public boolean nameTaken(String name) {
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM host_names WHERE name = ?")) {
                query.setString(1, name);
                try (ResultSet result = query.executeQuery()) {
                    return result.next();
                }
            }
        });
    }

    /** Whether any account exists yet. */
    public boolean any() {
        return db.withConnection(connection -> {
            try (Statement query = connection.createStatement();
                 ResultSet result = query.executeQuery("SELECT 1 FROM users LIMIT 1")) {
                return result.next();
            }
        });
    }

    public Optional<User> findById(long id) {
        return findWithPasswordHash(id).map(WithPasswordHash::user);
    }

    public Optional<User> findByUsername(Username username) {
        return db.withConnection(connection -> one(connection, SELECT + "WHERE username = ?", username.value()));
    }

    /**
     * The password hash of an enabled local account, if there is one. Only found accounts are remembered, so names
     * that are not accounts cannot fill the memory.
     */
    public Optional<LocalCredentials> findLocalCredentials(Username username) {
        return credentials.get(username.value(), name -> readLocalCredentials(username), Optional::isPresent);
    }

    private Optional<LocalCredentials> readLocalCredentials(Username username) {
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT id, password_hash FROM users"
                    + " WHERE username = ? AND auth_provider = ? AND disabled = 0 AND password_hash IS NOT NULL")) {
                query.setString(1, username.value());
                query.setString(2, LOCAL_PROVIDER);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(new LocalCredentials(row.getLong(1), row.getString(2)))
                            : Optional.empty();
                }
            }
        });
    }

    /** The caller's role on a wiki, if the ACL has one. */
    public Optional<Role> roleOn(TenantId wiki, long userId) {
        return roles.get(new RoleKey(wiki, userId), key -> readRole(wiki, userId));
    }

    private Optional<Role> readRole(TenantId wiki, long userId) {
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT role FROM acl WHERE wiki = ? AND grantee = ?")) {
                query.setString(1, wiki.value());
                query.setLong(2, userId);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(Role.ofDbValue(row.getString(1))) : Optional.empty();
                }
            }
        });
    }

    /** Gives a role; run it in {@link PlatformDatabase#inTransaction}, whose commit retires remembered roles. */
    public void grant(Connection connection, TenantId wiki, long grantee, Role role, Long grantedBy)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO acl (wiki, grantee, role,"
                + " granted_by, granted_at) VALUES (?,?,?,?,?) ON CONFLICT (wiki, grantee) DO UPDATE SET"
                + " role = excluded.role, granted_by = excluded.granted_by, granted_at = excluded.granted_at")) {
            insert.setString(1, wiki.value());
            insert.setLong(2, grantee);
            insert.setString(3, role.dbValue());
            if (grantedBy == null) {
                insert.setNull(4, java.sql.Types.INTEGER);
            } else {
                insert.setLong(4, grantedBy);
            }
            insert.setString(5, Instant.now().toString());
            insert.executeUpdate();
        }
    }

    public List<User> list(int limit, int offset) {
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    SELECT + "ORDER BY created_at, id LIMIT ? OFFSET ?")) {
                query.setInt(1, limit);
                query.setInt(2, offset);
                List<User> found = new ArrayList<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        found.add(user(row));
                    }
                }
                return found;
            }
        });
    }

    /** Sets {@code is_admin} or {@code disabled}; the column name comes from code, never from input. */
    public void setFlag(long userId, String column, boolean value) {
        if (!column.equals("is_admin") && !column.equals("disabled")) {
            throw new IllegalArgumentException(column);
        }
        db.withConnection(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE users SET " + column + " = ? WHERE id = ?")) {
                update.setInt(1, value ? 1 : 0);
                update.setLong(2, userId);
                return update.executeUpdate();
            }
        });
        db.changed();
    }

    /** A user with the password hash they sign in with (null for proxy accounts). */
    public record WithPasswordHash(User user, String passwordHash) {
    }

    /** The user and their password hash in one query: what each request of a signed-in session needs. */
    public Optional<WithPasswordHash> findWithPasswordHash(long id) {
        return byId.get(id, this::readWithPasswordHash);
    }

    private Optional<WithPasswordHash> readWithPasswordHash(long id) {
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + COLUMNS + ", password_hash FROM users WHERE id = ?")) {
                query.setLong(1, id);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(new WithPasswordHash(user(row), row.getString("password_hash")))
                            : Optional.empty();
                }
            }
        });
    }

    public void setPassword(long userId, String passwordHash) {
        db.withConnection(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE users SET password_hash = ? WHERE id = ? AND auth_provider = ?")) {
                update.setString(1, passwordHash);
                update.setLong(2, userId);
                update.setString(3, LOCAL_PROVIDER);
                return update.executeUpdate();
            }
        });
        db.changed();
    }

    public Optional<String> platformSetting(String name) {
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT value FROM platform_settings WHERE name = ?")) {
                query.setString(1, name);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
                }
            }
        });
    }

    public void setPlatformSetting(String name, String value) {
        db.withConnection(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO platform_settings (name, value)"
                    + " VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
                upsert.setString(1, name);
                upsert.setString(2, value);
                return upsert.executeUpdate();
            }
        });
        db.changed();
    }

    /** One row of a wiki's ACL with the names filled in. */
    public record Grant(Username username, Role role, Username grantedBy, Instant grantedAt) {
    }

    public List<Grant> grants(TenantId wiki, int limit, int offset) {
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT u.username, a.role, g.username,"
                    + " a.granted_at FROM acl a JOIN users u ON u.id = a.grantee LEFT JOIN users g ON g.id = a.granted_by"
                    + " WHERE a.wiki = ? ORDER BY CASE a.role WHEN 'owner' THEN 0 WHEN 'editor' THEN 1 ELSE 2 END,"
                    + " u.username LIMIT ? OFFSET ?")) {
                query.setString(1, wiki.value());
                query.setInt(2, limit);
                query.setInt(3, offset);
                List<Grant> grants = new ArrayList<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        String by = row.getString(3);
                        grants.add(new Grant(new Username(row.getString(1)), Role.ofDbValue(row.getString(2)),
                                by == null ? null : new Username(by), Instant.parse(row.getString(4))));
                    }
                }
                return grants;
            }
        });
    }

    /** Takes a role away; run it in {@link PlatformDatabase#inTransaction}, whose commit retires remembered roles. */
    public boolean revoke(Connection connection, TenantId wiki, long grantee) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM acl WHERE wiki = ? AND grantee = ?")) {
            delete.setString(1, wiki.value());
            delete.setLong(2, grantee);
            return delete.executeUpdate() > 0;
        }
    }

    /** A local account's id and password hash, for the realm. */
    public record LocalCredentials(long userId, String passwordHash) {
    }

    private static Optional<User> one(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(user(row)) : Optional.empty();
            }
        }
    }

    private static User user(ResultSet row) throws SQLException {
        return new User(row.getLong("id"), new Username(row.getString("username")), row.getString("email"),
                row.getString("display_name"), row.getBoolean("is_admin"), row.getBoolean("disabled"),
                Instant.parse(row.getString("created_at")));
    }
}
