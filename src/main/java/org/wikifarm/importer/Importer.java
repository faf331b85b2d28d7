package org.wikifarm.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.sqlite.SQLiteDataSource;
import org.wikifarm.auth.Role;
import org.wikifarm.auth.User;
import org.wikifarm.auth.UserRepository;
import org.wikifarm.auth.UsernameSuggestion;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.error.WikifarmException.InvalidInput;
import org.wikifarm.page.PagePath;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.TenantId;
import org.wikifarm.store.WikiFiles;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.tenant.AccessLevel;
import org.wikifarm.tenant.AccessLevels;
import org.wikifarm.tenant.PaymentStatus;
import org.wikifarm.tenant.Slug;
import org.wikifarm.tenant.Username;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiRepository;

/**
 * Imports An Otter Wiki installation as a farm wiki: {@link #plan} reads the source (read-only) and works out
 * everything; {@link #run} creates exactly that — the wiki's files (its repository with the copied history, its
 * {@code wiki.db} with the drafts and counts), then in one platform transaction the wiki's row, the owner, new
 * accounts and memberships — and records what it created ({@link ImportRecords}), so {@link #undo} can remove it. A
 * failure at any step removes everything created before it. The caller holds the data folder's lock.
 */
public final class Importer {
    /** How much history a wiki gets: the source's commits with their paths renamed, or one import commit. */
    public enum History { KEEP, SQUASH }

    /** @param displayName null: the source's SITE_NAME, else the slug */
    public record Options(String owner, String slug, String displayName, History history, boolean users) {
    }

    /** A plan with what {@link #run} needs to carry it out. */
    public static final class Prepared {
        private final ImportPlan plan;
        private final OtterSource source;
        private final OtterData data;
        private final PageNames names;
        private final ObjectId head;
        private final User owner;
        private final List<Integer> draftRows;

        private Prepared(ImportPlan plan, OtterSource source, OtterData data, PageNames names, ObjectId head,
                         User owner, List<Integer> draftRows) {
            this.plan = plan;
            this.source = source;
            this.data = data;
            this.names = names;
            this.head = head;
            this.owner = owner;
            this.draftRows = draftRows;
        }

        public ImportPlan plan() {
            return plan;
        }
    }

    /** What an import made, as recorded for its undo. */
    public record Done(String importId, Wiki wiki, ImportPlan plan, List<Long> createdUsers) {
    }

    private static final Set<String> CARRIED = Set.of("SITE_NAME", "READ_ACCESS", "WRITE_ACCESS",
            "ATTACHMENT_ACCESS");
    private static final int MAX_HEADING_BYTES = 64 * 1024;

    private final PlatformDatabase platform;
    private final WikiRepository wikis;
    private final UserRepository users;
    private final OpenWikis files;
    private final Path wikisDir;
    private final ImportRecords records;
    private final Clock clock;

    public Importer(PlatformDatabase platform, WikiRepository wikis, UserRepository users, OpenWikis files,
                    Path wikisDir, ImportRecords records, Clock clock) {
        this.wikisDir = wikisDir;
        this.platform = platform;
        this.wikis = wikis;
        this.users = users;
        this.files = files;
        this.records = records;
        this.clock = clock;
    }

    /** Reads the source and decides everything, the files history would leave out included; writes nothing. */
    public Prepared plan(OtterSource source, Options options) {
        return plan(source, options, true);
    }

    /**
     * @param scanHistory whether to walk the whole history now to list the files a copy would leave out (a dry run
     *                    must); without, {@link #run} lists them in the plan it returns, from the copy itself
     */
    public Prepared plan(OtterSource source, Options options, boolean scanHistory) {
        Username ownerName = new Username(options.owner());
        User owner = users.findByUsername(ownerName).orElseThrow(() -> new WikifarmException.NotFound(
                "owner_not_found", "There is no account '" + options.owner() + "' to own the wiki."));
        Slug slug = new Slug(options.slug());
        if (wikis.findByOwnerAndSlug(ownerName, slug).isPresent()) {
            throw new WikifarmException.Conflict("slug_taken", options.owner() + " already has a wiki called '"
                    + slug + "'.");
        }
        OtterData data = OtterData.read(source);
        Map<String, String> preferences = new LinkedHashMap<>();
        for (String key : CARRIED) {
            if (source.settings().containsKey(key)) {
                preferences.put(key, source.settings().get(key));
            }
        }
        preferences.putAll(data.preferences());
        try (Repository repository = openSource(source)) {
            ObjectId head = repository.resolve(Constants.HEAD);
            Map<String, String> headings = new HashMap<>();
            List<String> headFiles = new ArrayList<>();
            if (head != null) {
                readHead(repository, head, headings, headFiles);
            }
            PageNames names = new PageNames(headings);
            Map<String, String> pages = new TreeMap<>();
            Map<String, String> attachments = new TreeMap<>();
            Set<String> targets = new HashSet<>();
            for (String file : headFiles) {
                String target = names.map(file);
                if (target != null && targets.add(target)) {
                    (target.endsWith(PagePath.EXTENSION) ? pages : attachments).put(file, target);
                }
            }
            List<String> skipped = scanHistory
                    ? new ArrayList<>(dryCopySkipped(repository, head, names, options.history())) : List.of();
            int commits = head == null ? 0 : options.history() == History.SQUASH ? 1
                    : HistoryCopy.countCommits(repository, head);

            String displayName = options.displayName() != null ? options.displayName()
                    : preferences.getOrDefault("SITE_NAME", slug.value());
            Map<String, String> carried = new LinkedHashMap<>();
            if (preferences.containsKey("SITE_NAME")) {
                carried.put("SITE_NAME", "display name: " + displayName);
            }
            AccessLevels access = new AccessLevels(level(preferences, "READ_ACCESS", carried),
                    level(preferences, "WRITE_ACCESS", carried), level(preferences, "ATTACHMENT_ACCESS", carried));
            List<String> notCarried = preferences.keySet().stream().filter(k -> !CARRIED.contains(k)).sorted()
                    .toList();

            List<ImportPlan.PlannedUser> plannedUsers = new ArrayList<>();
            Map<String, String> authorByEmail = new HashMap<>();
            if (owner.email() != null) {
                authorByEmail.put(owner.email().toLowerCase(Locale.ROOT), owner.username().value());
            }
            if (options.users()) {
                planUsers(data, owner, plannedUsers, authorByEmail);
            }
            List<ImportPlan.PlannedDraft> drafts = new ArrayList<>();
            List<String> dropped = new ArrayList<>();
            List<Integer> draftRows = new ArrayList<>();
            Set<String> draftKeys = new HashSet<>();
            for (int row = 0; row < data.drafts().size(); row++) {
                OtterData.DraftRow draft = data.drafts().get(row);
                String file = draft.pagepath() == null ? null : names.map(
                        draft.pagepath().toLowerCase(Locale.ROOT) + PagePath.EXTENSION);
                String author = draft.authorEmail() == null ? null
                        : authorByEmail.get(draft.authorEmail().toLowerCase(Locale.ROOT));
                if (file == null) {
                    dropped.add(draft.pagepath() + ": not a page name Wikifarm takes");
                } else if (author == null) {
                    dropped.add(draft.pagepath() + ": its author " + draft.authorEmail() + " is not carried");
                } else if (!draftKeys.add(file + "\n" + author)) {
                    dropped.add(draft.pagepath() + ": a later draft of the same page by the same author");
                } else {
                    String page = file.substring(0, file.length() - PagePath.EXTENSION.length());
                    drafts.add(new ImportPlan.PlannedDraft(page, author, draft.revision()));
                    draftRows.add(row);
                }
            }
            ImportPlan plan = new ImportPlan(source.folder() == null ? source.repository().toString()
                    : source.folder().toString(), owner.username().value(), slug.value(), displayName, access,
                    options.history().name().toLowerCase(Locale.ROOT), pages, attachments, skipped, commits, carried,
                    notCarried, plannedUsers, drafts, dropped);
            return new Prepared(plan, source, data, names, head, owner, draftRows);
        } catch (IOException e) {
            throw new InvalidInput("unreadable_repository", "Cannot read the git repository " + source.repository()
                    + ": " + e.getMessage());
        }
    }

    /** Carries out a plan; on any failure removes what it created and rethrows. */
    public Done run(Prepared prepared, IntConsumer progress) {
        ImportPlan plan = prepared.plan;
        TenantId id = TenantId.generate();
        Instant now = clock.instant();
        files.create(id);
        Path wikiDir = wikisDir.resolve(id.value());
        List<Long> created = null;
        try {
            Set<String> skipped = new java.util.TreeSet<>();
            Map<String, String> commitIds = copyHistory(prepared, WikiFiles.repository(wikiDir), progress, skipped);
            ImportPlan carried = new ImportPlan(plan.source(), plan.owner(), plan.slug(), plan.displayName(),
                    plan.access(), plan.history(), plan.pages(), plan.attachments(), List.copyOf(skipped), plan.commits(),
                    plan.settings(), plan.notCarried(), plan.users(), plan.drafts(), plan.droppedDrafts());
            writeWikiDatabase(prepared, WikiFiles.database(wikiDir), commitIds, now);
            Wiki wiki = new Wiki(id, prepared.owner.id(), prepared.owner.username(), new Slug(plan.slug()), null,
                    plan.displayName(), plan.access(), PaymentStatus.FREE, now, null, plan.pages().size());
            created = platform.inTransaction(connection -> writeRows(connection, wiki, plan, now));
            String importId = records.write(new ImportRecords.Entry(null, now.toString(), plan.source(), id.value(),
                    plan.owner(), plan.slug(), created));
            return new Done(importId, wiki, carried, created);
        } catch (RuntimeException | IOException | SQLException e) {
            if (created != null) {
                deleteRows(id, created);
            }
            files.delete(id);
            if (e instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw new IllegalStateException("The import failed and was rolled back: " + e.getMessage(), e);
        }
    }

    /** Removes what an import created: the wiki (its rows and files) and the accounts it made that nothing else uses. */
    public ImportRecords.Entry undo(String importId) {
        ImportRecords.Entry entry = records.read(importId);
        TenantId id = new TenantId(entry.wikiId());
        deleteRows(id, entry.createdUsers());
        files.delete(id);
        records.delete(importId);
        return entry;
    }

    private void deleteRows(TenantId id, List<Long> createdUsers) {
        platform.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM wikis WHERE id = ?")) {
                delete.setString(1, id.value());
                delete.executeUpdate();
            }
            // An account the import made goes too, unless it has since been given another wiki or role.
            for (Long user : createdUsers) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM users WHERE id = ?"
                        + " AND NOT EXISTS (SELECT 1 FROM acl WHERE grantee = ?)"
                        + " AND NOT EXISTS (SELECT 1 FROM wikis WHERE owner = ?)")) {
                    delete.setLong(1, user);
                    delete.setLong(2, user);
                    delete.setLong(3, user);
                    delete.executeUpdate();
                }
            }
            return null;
        });
    }

    private List<Long> writeRows(Connection connection, Wiki wiki, ImportPlan plan, Instant now)
            throws SQLException {
        wikis.insert(connection, wiki);
        wikis.grantOwner(connection, wiki);
        List<Long> created = new ArrayList<>();
        for (ImportPlan.PlannedUser user : plan.users()) {
            if (user.role() == null) {
                continue;
            }
            long userId;
            if (user.existing()) {
                userId = userId(connection, user.username());
            } else {
                userId = insertUser(connection, user, now);
                created.add(userId);
            }
            if (userId != wiki.ownerId()) {
                users.grant(connection, wiki.id(), userId, Role.valueOf(user.role().toUpperCase(Locale.ROOT)),
                        wiki.ownerId());
            }
        }
        return created;
    }

    /** A local account without a password: Otterwiki's werkzeug hashes are not a format Wikifarm verifies. */
    private static long insertUser(Connection connection, ImportPlan.PlannedUser user, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO users (username, email,"
                + " display_name, auth_provider, auth_subject, password_hash, is_admin, created_at)"
                + " VALUES (?,?,?,?,?,NULL,0,?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, user.username());
            insert.setString(2, user.email());
            insert.setString(3, user.username());
            insert.setString(4, UserRepository.LOCAL_PROVIDER);
            insert.setString(5, user.username());
            insert.setString(6, now.toString());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static long userId(Connection connection, String username) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT id FROM users WHERE username = ?")) {
            query.setString(1, username);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new WikifarmException.Conflict("user_gone", "The account " + username
                            + " disappeared during the import.");
                }
                return rows.getLong(1);
            }
        }
    }

    private void planUsers(OtterData data, User owner, List<ImportPlan.PlannedUser> planned,
                           Map<String, String> authorByEmail) {
        Set<String> claimed = new HashSet<>();
        for (OtterData.UserRow row : data.users()) {
            String role = row.admin() || row.allowWrite() || row.allowUpload() ? "editor"
                    : row.allowRead() || row.approved() ? "viewer" : null;
            String email = row.email() == null ? null : row.email().strip();
            if (email == null || email.isEmpty()) {
                planned.add(new ImportPlan.PlannedUser(null, null, false, null, "no email"));
                continue;
            }
            String existing = usernameByEmail(email);
            String reason = role == null ? "not approved in the source: no role" : null;
            if (existing != null) {
                boolean isOwner = existing.equals(owner.username().value());
                planned.add(new ImportPlan.PlannedUser(email, existing, true, isOwner ? null : role,
                        isOwner ? "the owner" : reason));
                authorByEmail.put(email.toLowerCase(Locale.ROOT), existing);
                continue;
            }
            if (role == null) {
                planned.add(new ImportPlan.PlannedUser(email, null, false, null, reason));
                continue;
            }
            String base = UsernameSuggestion.from(row.name() != null && !row.name().isBlank() ? row.name() : email);
            Username name = null;
            for (int attempt = 1; name == null; attempt++) {
                Username candidate = UsernameSuggestion.numbered(base, attempt);
                if (!claimed.contains(candidate.value()) && !users.nameTaken(candidate.value())) {
                    name = candidate;
                }
            }
            claimed.add(name.value());
            planned.add(new ImportPlan.PlannedUser(email, name.value(), false, role, null));
            authorByEmail.put(email.toLowerCase(Locale.ROOT), name.value());
        }
    }

    private String usernameByEmail(String email) {
        return platform.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT username FROM users WHERE lower(email) = lower(?) ORDER BY id LIMIT 1")) {
                query.setString(1, email);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? rows.getString(1) : null;
                }
            }
        });
    }

    private static AccessLevel level(Map<String, String> preferences, String key, Map<String, String> carried) {
        String value = preferences.get(key);
        if (value == null) {
            // Otterwiki's own default for every level.
            return AccessLevel.ANONYMOUS;
        }
        AccessLevel level = AccessLevel.parse(key, value);
        carried.put(key, key.toLowerCase(Locale.ROOT).replace("_access", "") + " access: " + level.name());
        return level;
    }

    private static Repository openSource(OtterSource source) throws IOException {
        return new FileRepositoryBuilder().setGitDir(source.gitDir().toFile()).setMustExist(true).build();
    }

    private static void readHead(Repository repository, ObjectId head, Map<String, String> headings,
                                 List<String> headFiles) throws IOException {
        try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(repository.parseCommit(head).getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                String path = walk.getPathString();
                headFiles.add(path);
                if (path.endsWith(PagePath.EXTENSION) && walk.getFileMode(0).getObjectType() == Constants.OBJ_BLOB) {
                    var loader = reader.open(walk.getObjectId(0));
                    if (loader.getSize() <= MAX_HEADING_BYTES) {
                        String heading = PageNames.firstHeading(new String(loader.getBytes(), StandardCharsets.UTF_8));
                        if (heading != null) {
                            headings.put(path.substring(0, path.length() - PagePath.EXTENSION.length()), heading);
                        }
                    }
                }
            }
        }
    }

    /** The files a copy would leave out: the history walked as the copy walks it, nothing stored. */
    private static Set<String> dryCopySkipped(Repository repository, ObjectId head, PageNames names, History history)
            throws IOException {
        if (head == null) {
            return Set.of();
        }
        HistoryCopy copy = HistoryCopy.scan(repository, names);
        try {
            if (history == History.SQUASH) {
                copy.copySquashed(head, new PersonIdent("plan", "plan@invalid"), "plan");
            } else {
                copy.copyAll(head, done -> { });
            }
            return copy.skipped;
        } finally {
            copy.close();
        }
    }

    private Map<String, String> copyHistory(Prepared prepared, Path repositoryDir, IntConsumer progress,
                                            Set<String> skipped) throws IOException {
        if (prepared.head == null) {
            return Map.of();
        }
        try (Repository source = openSource(prepared.source);
             Repository target = new FileRepositoryBuilder().setGitDir(repositoryDir.toFile()).setMustExist(true)
                     .build()) {
            HistoryCopy copy = new HistoryCopy(source, target, prepared.names);
            ObjectId newHead;
            try {
                if (prepared.plan.history().equals("squash")) {
                    PersonIdent who = new PersonIdent("Wikifarm import", "import@wikifarm.invalid",
                            clock.instant(), ZoneOffset.UTC);
                    newHead = copy.copySquashed(prepared.head, who, "Imported from An Otter Wiki ("
                            + prepared.head.name() + ")");
                    progress.accept(1);
                } else {
                    newHead = copy.copyAll(prepared.head, progress);
                }
            } finally {
                copy.close();
            }
            RefUpdate update = target.updateRef(Constants.R_HEADS + WikiFiles.BRANCH);
            update.setNewObjectId(newHead);
            update.setExpectedOldObjectId(ObjectId.zeroId());
            update.disableRefLog();
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW) {
                throw new IOException("Cannot set the branch of the imported repository: " + result);
            }
            skipped.addAll(copy.skipped);
            return copy.commits;
        }
    }

    private static void writeWikiDatabase(Prepared prepared, Path database, Map<String, String> commitIds,
                                          Instant now) throws SQLException {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + database);
        try (Connection connection = source.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement stats = connection.prepareStatement(
                    "UPDATE stats SET value = ?, updated_at = ? WHERE name = ?")) {
                stats.setInt(1, prepared.plan.pages().size());
                stats.setString(2, now.toString());
                stats.setString(3, "page_count");
                stats.executeUpdate();
                stats.setInt(1, prepared.plan.attachments().size());
                stats.setString(3, "attachment_count");
                stats.executeUpdate();
            }
            // The display name travels with the wiki (tenant.WikiNames): a snapshot of it, moved elsewhere, keeps it.
            try (PreparedStatement name = connection.prepareStatement("INSERT INTO preferences (name, value)"
                    + " VALUES ('DISPLAY_NAME', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value")) {
                name.setString(1, prepared.plan.displayName());
                name.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO drafts (page_path, author,"
                    + " base_revision, content, cursor_line, cursor_ch, datetime) VALUES (?,?,?,?,?,?,?)")) {
                for (int i = 0; i < prepared.draftRows.size(); i++) {
                    OtterData.DraftRow row = prepared.data.drafts().get(prepared.draftRows.get(i));
                    ImportPlan.PlannedDraft planned = prepared.plan.drafts().get(i);
                    insert.setString(1, planned.page());
                    insert.setString(2, planned.author());
                    insert.setString(3, row.revision() == null ? null : commitIds.get(row.revision()));
                    insert.setString(4, row.content() == null ? "" : row.content());
                    insert.setObject(5, row.cursorLine());
                    insert.setObject(6, row.cursorCh());
                    insert.setString(7, datetime(row.datetime(), now));
                    insert.executeUpdate();
                }
            }
            connection.commit();
        }
    }

    /** Otterwiki's SQLAlchemy DateTime ({@code 2024-05-01 12:00:00.000000}, UTC) as Wikifarm's ISO instant. */
    static String datetime(String value, Instant fallback) {
        if (value == null || value.length() < 19) {
            return fallback.toString();
        }
        try {
            return java.time.LocalDateTime.parse(value.substring(0, Math.min(value.length(), 26)).replace(' ', 'T'))
                    .toInstant(ZoneOffset.UTC).toString();
        } catch (java.time.format.DateTimeParseException e) {
            return fallback.toString();
        }
    }
}
