package org.wikifarm.search;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wikifarm.store.WikiSessions;
import org.wikifarm.store.TenantId;

/**
 * Vectors already computed, in the wiki's {@code embedding_cache} table, keyed by the SHA-256 of the embedded text
 * and the model id: a chunk whose text did not change is never embedded again, by a save, a rename or a reindex.
 * A full reindex ends by dropping what no indexed chunk uses any more ({@link #retainOnly}).
 */
public final class EmbeddingCache {
    private static final int LOOKUP_BATCH = 500;
    private final WikiSql sql;

    public EmbeddingCache(WikiSessions sessions) {
        this.sql = new WikiSql(sessions);
    }

    public static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cached vectors of these hashes. */
    public Map<String, float[]> find(TenantId wiki, String modelId, Set<String> hashes) {
        if (hashes.isEmpty()) {
            return Map.of();
        }
        List<String> all = new ArrayList<>(hashes);
        return sql.inTransaction(wiki, connection -> {
            Map<String, float[]> found = new HashMap<>();
            for (int from = 0; from < all.size(); from += LOOKUP_BATCH) {
                List<String> part = all.subList(from, Math.min(all.size(), from + LOOKUP_BATCH));
                String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
                try (PreparedStatement select = connection.prepareStatement("SELECT text_hash, vector FROM "
                        + "embedding_cache WHERE model_id = ? AND text_hash IN (" + marks + ")")) {
                    select.setString(1, modelId);
                    for (int i = 0; i < part.size(); i++) {
                        select.setString(i + 2, part.get(i));
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            found.put(rows.getString(1), fromBytes(rows.getBytes(2)));
                        }
                    }
                }
            }
            return found;
        });
    }

    /**
     * Drops every vector but those of these hashes under this model: texts edited away, pages deleted, other models.
     * Returns how many rows went (SQLite reuses their space; the file does not shrink).
     */
    public int retainOnly(TenantId wiki, String modelId, Set<String> hashes) {
        return sql.inTransaction(wiki, connection -> {
            List<String[]> stale = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT text_hash, model_id FROM embedding_cache");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (!modelId.equals(rows.getString(2)) || !hashes.contains(rows.getString(1))) {
                        stale.add(new String[] {rows.getString(1), rows.getString(2)});
                    }
                }
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM embedding_cache WHERE text_hash = ? AND model_id = ?")) {
                for (String[] key : stale) {
                    delete.setString(1, key[0]);
                    delete.setString(2, key[1]);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            return stale.size();
        });
    }

    /** How many vectors the wiki keeps. */
    public int size(TenantId wiki) {
        return sql.inTransaction(wiki, connection -> {
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM embedding_cache");
                 ResultSet rows = count.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        });
    }

    /** Work that stores new vectors, to run in the transaction that also removes the queue rows. */
    public static WikiSql.Work<Void> store(String modelId, Map<String, float[]> vectors) {
        return connection -> {
            insert(connection, modelId, vectors);
            return null;
        };
    }

    private static void insert(Connection connection, String modelId, Map<String, float[]> vectors)
            throws SQLException {
        if (vectors.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT OR REPLACE INTO embedding_cache (text_hash, model_id, vector) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, float[]> entry : vectors.entrySet()) {
                insert.setString(1, entry.getKey());
                insert.setString(2, modelId);
                insert.setBytes(3, toBytes(entry.getValue()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static byte[] toBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    static float[] fromBytes(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
