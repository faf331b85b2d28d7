package org.wikifarm.auth;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.wikifarm.store.Freshness;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.TenantId;

/**
 * The {@code tokens} table of the platform database. A token is looked up on every call it makes, so found tokens
 * are remembered as {@link PlatformDatabase#freshness()} allows; revoking one retires that at once on this node.
 * Ids that name no token are not remembered (anyone can send them).
 */
public final class TokenRepository {
    private static final String SELECT =
            "SELECT id, wiki, name, role, created_by, created_at, last_used_at, secret_hash FROM tokens ";
    private static final int MAX_REMEMBERED = 10_000;

    private final PlatformDatabase db;
    private final Freshness.Remembered<String, Optional<Stored>> byId;

    public TokenRepository(PlatformDatabase db) {
        this.db = db;
        this.byId = db.freshness().remembered(MAX_REMEMBERED);
    }

    /** A token row with its secret's hash, for authentication only. */
    record Stored(ApiToken token, String secretHash) {
    }

    void insert(ApiToken token, String secretHash) {
        db.withConnection(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tokens (id, wiki, name, role,"
                    + " secret_hash, created_by, created_at) VALUES (?,?,?,?,?,?,?)")) {
                insert.setString(1, token.id());
                insert.setString(2, token.wiki().value());
                insert.setString(3, token.name());
                insert.setString(4, token.role().dbValue());
                insert.setString(5, secretHash);
                if (token.createdBy() == null) {
                    insert.setNull(6, Types.INTEGER);
                } else {
                    insert.setLong(6, token.createdBy());
                }
                insert.setString(7, token.createdAt().toString());
                return insert.executeUpdate();
            }
        });
    }

    Optional<Stored> find(String id) {
        return byId.get(id, this::read, Optional::isPresent);
    }

    private Optional<Stored> read(String id) {
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement(SELECT + "WHERE id = ?")) {
                query.setString(1, id);
                List<Stored> found = all(query);
                return found.stream().findFirst();
            }
        });
    }

    List<ApiToken> list(TenantId wiki, int limit) {
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    SELECT + "WHERE wiki = ? ORDER BY created_at LIMIT ?")) {
                query.setString(1, wiki.value());
                query.setInt(2, limit);
                return all(query).stream().map(Stored::token).toList();
            }
        });
    }

    int count(TenantId wiki) {
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM tokens WHERE wiki = ?")) {
                query.setString(1, wiki.value());
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? row.getInt(1) : 0;
                }
            }
        });
    }

    boolean delete(TenantId wiki, String id) {
        boolean deleted = db.withConnection(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM tokens WHERE wiki = ? AND id = ?")) {
                delete.setString(1, wiki.value());
                delete.setString(2, id);
                return delete.executeUpdate() > 0;
            }
        });
        db.changed();
        return deleted;
    }

    /** When the token was last used: shown to the wiki's admins, decides nothing, so nothing is retired. */
    void touch(String id, Instant when) {
        db.withConnection(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE tokens SET last_used_at = ? WHERE id = ?")) {
                update.setString(1, when.toString());
                update.setString(2, id);
                return update.executeUpdate();
            }
        });
    }

    private static List<Stored> all(PreparedStatement query) throws SQLException {
        List<Stored> tokens = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                Object createdBy = row.getObject("created_by");
                String lastUsed = row.getString("last_used_at");
                tokens.add(new Stored(new ApiToken(row.getString("id"), new TenantId(row.getString("wiki")),
                        row.getString("name"), Role.ofDbValue(row.getString("role")),
                        createdBy == null ? null : ((Number) createdBy).longValue(), Instant.parse(row.getString("created_at")),
                        lastUsed == null ? null : Instant.parse(lastUsed)), row.getString("secret_hash")));
            }
        }
        return tokens;
    }
}
