package org.wikifarm.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An An Otter Wiki installation made for a test, as Otterwiki lays one out (see otterwiki-peer.sh): {@code repo/}, a
 * git repository made and committed to with the real {@code git} command, lowercased {@code .md} files and attachment
 * folders; {@code otterwiki.db}, made by running Otterwiki 2.23.0's schema (src/test/resources/otterwiki); and a
 * {@code settings.cfg} naming both.
 */
public final class OtterInstallation {
    public final Path folder;
    public final Path repo;
    public final Path db;

    private OtterInstallation(Path folder, Path repo, Path db) {
        this.folder = folder;
        this.repo = repo;
        this.db = db;
    }

    public static OtterInstallation create(Path folder) {
        return create(folder, "schema-2.23.0.sql");
    }

    public static OtterInstallation create(Path folder, String schema) {
        try {
            Files.createDirectories(folder.resolve("repo"));
            OtterInstallation installation = new OtterInstallation(folder, folder.resolve("repo"),
                    folder.resolve("otterwiki.db"));
            git(installation.repo, "init", "-q", "-b", "master");
            installation.runSchema(schema);
            Files.writeString(folder.resolve("settings.cfg"), "REPOSITORY = '" + installation.repo + "'\n"
                    + "SECRET_KEY = 'test-secret'\nSQLALCHEMY_DATABASE_URI = 'sqlite:///" + installation.db + "'\n");
            return installation;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a schema from src/test/resources/otterwiki on this installation's database. */
    public void runSchema(String schema) {
        try (InputStream in = OtterInstallation.class.getResourceAsStream("/otterwiki/" + schema)) {
            String ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder statements = new StringBuilder();
            for (String line : ddl.split("\n")) {
                if (!line.startsWith("--")) {
                    statements.append(line).append('\n');
                }
            }
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                for (String sql : statements.toString().split(";")) {
                    if (!sql.isBlank()) {
                        statement.executeUpdate(sql);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + db);
    }

    public void sql(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void user(String name, String email, boolean approved, boolean admin, boolean read, boolean write) {
        sql("INSERT INTO user (name, email, password_hash, first_seen, is_approved, is_admin, email_confirmed,"
                + " allow_read, allow_write, allow_upload) VALUES (?,?,?,?,?,?,1,?,?,0)", name, email,
                "scrypt:32768:8:1$salt$0123abcd", "2024-05-01 12:00:00.000000", approved, admin, read, write);
    }

    /** Writes a file of the working copy (not committed yet). */
    public void write(String file, String content) {
        try {
            Path path = repo.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits every change of the working copy as {@code author}; returns the commit's id. */
    public String commit(String author, String email, String message) {
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=" + author, "-c", "user.email=" + email, "commit", "-q", "-m", message);
        return git(repo, "rev-parse", "HEAD").strip();
    }

    public static String git(Path dir, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A digest of every file under {@code folder} (names, sizes and contents): equal before and after = untouched. */
    public static String digest(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path file : files.sorted().toList()) {
                sha.update(folder.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                if (Files.isRegularFile(file)) {
                    sha.update(Files.readAllBytes(file));
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
