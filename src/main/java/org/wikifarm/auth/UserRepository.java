package org.wikifarm.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.tenant.TenantId;
import org.wikifarm.tenant.Username;

/** The {@code users} and {@code acl} tables of the platform database. */
public final class UserRepository {
    public static final String LOCAL_PROVIDER = "local";
    private static final String SELECT =
            "SELECT id, username, email, display_name, is_admin, disabled, created_at FROM users ";

    private final PlatformDatabase db;

    public UserRepository(PlatformDatabase db) {
        this.db = db;
    }

    /** Inserts a local account; the very first account of the platform becomes admin (decided atomically). */
    public User insertLocal(Username username, String email, String displayName, String passwordHash) {
        return db.inTransaction(connection -> {
            boolean first;
            try (Statement count = connection.createStatement();
                 ResultSet result = count.executeQuery("SELECT count(*) FROM users")) {
                first = result.next() && result.getLong(1) == 0;
            }
            Instant now = Instant.now();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO users (username, email,"
                    + " display_name, auth_provider, auth_subject, password_hash, is_admin, created_at)"
                    + " VALUES (?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, username.value());
                insert.setString(2, email);
                insert.setString(3, displayName);
                insert.setString(4, LOCAL_PROVIDER);
                insert.setString(5, username.value());
                insert.setString(6, passwordHash);
                insert.setBoolean(7, first);
                insert.setString(8, now.toString());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return new User(keys.getLong(1), username, email, displayName, first, false, now);
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
        return db.withConnection(connection -> one(connection, SELECT + "WHERE id = ?", id));
    }

    public Optional<User> findByUsername(Username username) {
        return db.withConnection(connection -> one(connection, SELECT + "WHERE username = ?", username.value()));
    }

    /** The password hash of an enabled local account, if there is one. */
    public Optional<LocalCredentials> findLocalCredentials(Username username) {
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

    /** A local account's id and password hash, for the realm. */
    public record LocalCredentials(long userId, String passwordHash) {
    }

    private static Optional<User> one(Connection connection, String sql, Object parameter) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new User(row.getLong("id"), new Username(row.getString("username")),
                        row.getString("email"), row.getString("display_name"), row.getBoolean("is_admin"),
                        row.getBoolean("disabled"), Instant.parse(row.getString("created_at"))));
            }
        }
    }
}
