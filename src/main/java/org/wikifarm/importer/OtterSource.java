package org.wikifarm.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.wikifarm.error.WikifarmException.InvalidInput;

/**
 * Where an An Otter Wiki installation keeps its two parts: the git repository of pages and the SQLite database
 * (preferences, drafts, users). Found from the installation's {@code settings.cfg} ({@code REPOSITORY},
 * {@code SQLALCHEMY_DATABASE_URI}) when there is one, else by convention ({@code repo/} or {@code repository/}, and
 * {@code otterwiki.db} or the folder's only {@code *.db}); either can be named explicitly. Nothing here writes.
 *
 * @param settings the {@code settings.cfg} values that matter to an import (SITE_NAME, the access levels), if any
 * @param tenant   for a database several wikis shared: the column that names the wiki and this wiki's value in it;
 *                 null for an installation's own database
 */
public record OtterSource(Path folder, Path repository, Path database, Map<String, String> settings, Tenant tenant) {

    /** One wiki's rows in a shared database: {@code WHERE <column> = <value>}. */
    public record Tenant(String column, String value) {
        public Tenant {
            if (!isPlainName(column, 64)) {
                throw new InvalidInput("invalid_tenant_column",
                        "A tenant column is a plain SQL column name (letters, digits, underscores).");
            }
        }
    }

    /** Finds the parts of the installation in {@code folder}; {@code repository} and {@code database} override. */
    public static OtterSource locate(Path folder, Path repository, Path database, Tenant tenant) {
        Path base = folder == null ? null : folder.toAbsolutePath().normalize();
        if (base != null && !Files.isDirectory(base)) {
            throw new InvalidInput("not_an_installation", base + " is not a folder.");
        }
        Map<String, String> settings = base == null ? Map.of() : readSettings(base.resolve("settings.cfg"));
        Path repo = repository != null ? repository.toAbsolutePath().normalize() : findRepository(base, settings);
        Path db = database != null ? database.toAbsolutePath().normalize() : findDatabase(base, settings);
        if (repo == null || !isGitRepository(repo)) {
            throw new InvalidInput("not_an_installation", (base == null ? "The source" : base.toString())
                    + " is not An Otter Wiki installation: no git repository of pages"
                    + (repo == null ? " (looked for repo/ and repository/, and REPOSITORY in settings.cfg)"
                    : " at " + repo) + ".");
        }
        if (db == null || !Files.isRegularFile(db)) {
            throw new InvalidInput("not_an_installation", (base == null ? "The source" : base.toString())
                    + " is not An Otter Wiki installation: no SQLite database"
                    + (db == null ? " (looked for otterwiki.db, a single *.db, and SQLALCHEMY_DATABASE_URI in"
                    + " settings.cfg)" : " at " + db) + ".");
        }
        return new OtterSource(base, repo, db, settings, tenant);
    }

    /** The git folder of a repository: {@code <repo>/.git} for a working copy, the repository itself if bare. */
    public Path gitDir() {
        Path dotGit = repository.resolve(".git");
        return Files.isDirectory(dotGit) ? dotGit : repository;
    }

    static boolean isGitRepository(Path dir) {
        Path git = Files.isDirectory(dir.resolve(".git")) ? dir.resolve(".git") : dir;
        return Files.isRegularFile(git.resolve("HEAD")) && Files.isDirectory(git.resolve("objects"));
    }

    private static Path findRepository(Path base, Map<String, String> settings) {
        String configured = settings.get("REPOSITORY");
        if (configured != null && !configured.isBlank()) {
            return base.resolve(configured).normalize();
        }
        if (base == null) {
            return null;
        }
        for (String name : List.of("repo", "repository")) {
            if (isGitRepository(base.resolve(name))) {
                return base.resolve(name);
            }
        }
        return isGitRepository(base) ? base : null;
    }

    private static Path findDatabase(Path base, Map<String, String> settings) {
        String uri = settings.get("SQLALCHEMY_DATABASE_URI");
        if (uri != null && uri.startsWith("sqlite:///")) {
            // sqlite:///relative and sqlite:////absolute, as SQLAlchemy reads them.
            return base.resolve(uri.substring("sqlite:///".length())).normalize();
        }
        if (base == null) {
            return null;
        }
        if (Files.isRegularFile(base.resolve("otterwiki.db"))) {
            return base.resolve("otterwiki.db");
        }
        try (Stream<Path> files = Files.list(base)) {
            List<Path> dbs = files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".db"))
                    .filter(Files::isRegularFile).toList();
            return dbs.size() == 1 ? dbs.get(0) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The simple {@code KEY = 'value'} lines of a Flask settings file (it is Python; only literal strings, numbers
     * and booleans are read, nothing is evaluated). A missing file is no settings.
     */
    static Map<String, String> readSettings(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInput("unreadable_settings", "Cannot read " + file + ": " + e.getMessage());
        }
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq <= 0 || line.stripLeading().startsWith("#")) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (!isPlainName(key, 200)) {
                continue;
            }
            if (value.length() >= 2 && (value.charAt(0) == '\'' || value.charAt(0) == '"')
                    && value.charAt(value.length() - 1) == value.charAt(0)) {
                values.put(key, value.substring(1, value.length() - 1));
            } else if (value.equals("True") || value.equals("False") || isNumber(value)) {
                values.put(key, value);
            }
        }
        return values;
    }

    /** Letters, digits and underscores, not starting with a digit, at most {@code max} characters. */
    static boolean isPlainName(String name, int max) {
        if (name == null || name.isEmpty() || name.length() > max || Character.isDigit(name.charAt(0))) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(String value) {
        int start = value.startsWith("-") ? 1 : 0;
        if (value.length() == start) {
            return false;
        }
        for (int i = start; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
