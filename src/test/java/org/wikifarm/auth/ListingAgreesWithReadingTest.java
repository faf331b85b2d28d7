package org.wikifarm.auth;

import org.wikifarm.store.TestPlatforms;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.AccessLevel;
import org.wikifarm.tenant.AccessLevels;
import org.wikifarm.tenant.PaymentStatus;
import org.wikifarm.tenant.Slug;
import org.wikifarm.tenant.Username;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiRepository;
import org.wikifarm.tenant.Wikis;

/**
 * A list of wikis shows a caller exactly the wikis they may read. Every combination of read, write and upload level
 * (27), free and lapsed, owned by one person with a viewer and an editor on each, against every kind of caller:
 * nobody signed in, a signed-in stranger, the viewer, the editor, the owner, a platform admin, and tokens (of each
 * role, on every wiki, made by the owner and by the editor). Listing used its own SQL rule once and left out wikis
 * anyone signed in may read; here it is compared with {@link Permissions#of}, wiki by wiki.
 */
class ListingAgreesWithReadingTest {
    @TempDir
    Path dir;

    private PlatformDatabase db;
    private UserRepository users;
    private Permissions permissions;
    private WikiCatalog catalog;
    private final List<Wiki> wikis = new ArrayList<>();
    private final Map<String, Caller> callers = new LinkedHashMap<>();

    @BeforeEach
    void setUp() {
        db = TestPlatforms.open(dir.resolve("platform.db"));
        users = new UserRepository(db);
        permissions = new Permissions(users);
        WikiRepository repository = new WikiRepository(db);
        catalog = new WikiCatalog(new Wikis(db, repository, new OpenWikis(dir.resolve("wikis"), 4),
                org.wikifarm.config.Settings.Limits.DEFAULT), permissions, 1_000);
        Caller admin = signUp("boss");
        Caller owner = signUp("alice");
        Caller viewer = signUp("carol");
        Caller editor = signUp("bob");
        Caller stranger = signUp("mallory");
        int number = 0;
        for (PaymentStatus payment : List.of(PaymentStatus.FREE, PaymentStatus.LAPSED)) {
            for (AccessLevel read : AccessLevel.values()) {
                for (AccessLevel write : AccessLevel.values()) {
                    for (AccessLevel attachment : AccessLevel.values()) {
                        Wiki wiki = new Wiki(TenantId.generate(), owner.user().id(), owner.user().username(),
                                new Slug("wiki" + number), null, read + "/" + write + "/" + attachment + " " + payment,
                                new AccessLevels(read, write, attachment), payment,
                                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(number++), null, 0);
                        db.inTransaction(connection -> {
                            repository.insert(connection, wiki);
                            repository.grantOwner(connection, wiki);
                            users.grant(connection, wiki.id(), viewer.user().id(), Role.VIEWER, owner.user().id());
                            users.grant(connection, wiki.id(), editor.user().id(), Role.EDITOR, owner.user().id());
                            return null;
                        });
                        wikis.add(wiki);
                    }
                }
            }
        }
        callers.put("anonymous", Caller.ANONYMOUS);
        callers.put("signed-in stranger", stranger);
        callers.put("viewer", viewer);
        callers.put("editor", editor);
        callers.put("owner", owner);
        callers.put("platform admin", admin);
        for (Wiki wiki : wikis) {
            for (Role role : List.of(Role.VIEWER, Role.EDITOR)) {
                callers.put(role + " token of the owner on " + wiki.displayName(), token(wiki, role, owner));
                callers.put(role + " token of the editor on " + wiki.displayName(), token(wiki, role, editor));
            }
        }
        assertThat(admin.admin()).isTrue();
        assertThat(wikis).hasSize(54);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void everyCallerIsListedExactlyTheWikisTheyMayRead() {
        SoftAssertions softly = new SoftAssertions();
        callers.forEach((who, caller) -> {
            Set<String> listed = names(catalog.readable(caller, 1_000, 0));
            Set<String> readable = names(wikis.stream()
                    .filter(wiki -> permissions.of(caller, wiki).contains(Permission.READ)).toList());
            softly.assertThat(listed).as("the wikis listed to the %s", who).isEqualTo(readable);
        });
        softly.assertAll();
    }

    @Test
    void theCasesThatMatterAreCovered() {
        // Not vacuous: strangers read some wikis and not others, and what they read includes REGISTERED ones.
        Set<String> stranger = names(catalog.readable(callers.get("signed-in stranger"), 1_000, 0));
        assertThat(stranger).contains("REGISTERED/APPROVED/APPROVED FREE", "APPROVED/REGISTERED/APPROVED LAPSED",
                "APPROVED/APPROVED/ANONYMOUS FREE").doesNotContain("APPROVED/APPROVED/APPROVED FREE");
        assertThat(names(catalog.readable(Caller.ANONYMOUS, 1_000, 0))).contains("ANONYMOUS/APPROVED/APPROVED FREE")
                .doesNotContain("REGISTERED/APPROVED/APPROVED FREE");
        assertThat(catalog.readable(callers.get("owner"), 1_000, 0)).hasSize(54);
        assertThat(catalog.readable(callers.get("VIEWER token of the owner on APPROVED/APPROVED/APPROVED FREE"),
                1_000, 0)).hasSize(1);
    }

    @Test
    void aTokenWhoseCreatorMayNoLongerReadListsNothing() {
        Caller editor = callers.get("editor");
        Caller token = callers.get("EDITOR token of the editor on APPROVED/APPROVED/APPROVED FREE");
        assertThat(catalog.readable(token, 1_000, 0)).hasSize(1);

        users.setFlag(editor.user().id(), "disabled", true);

        assertThat(catalog.readable(token, 1_000, 0)).isEmpty();
    }

    private static Set<String> names(List<Wiki> found) {
        return found.stream().map(Wiki::displayName).collect(Collectors.toCollection(TreeSet::new));
    }

    private Caller signUp(String name) {
        return new Caller(users.insertLocal(new Username(name), null, null, "unused-hash"));
    }

    private static Caller token(Wiki wiki, Role role, Caller creator) {
        return Caller.of(new ApiToken(Long.toString(System.nanoTime(), 32), wiki.id(), "bot", role,
                creator.user().id(), Instant.now(), null));
    }
}
