package org.wikifarm.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.store.Freshness;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.TenantId;

/** Placement's answers from real rows (the platform schema on SQLite; the same SQL runs on PostgreSQL). */
class PlacementsTest {
    @TempDir
    Path dir;

    private PlatformDatabase db;
    private final TenantId wiki = TenantId.generate();

    @BeforeEach
    void open() {
        db = new PlatformDatabase(dir.resolve("platform.db"), new Freshness(Clock.systemUTC(), Duration.ofSeconds(60)));
        db.withConnection(connection -> {
            connection.createStatement().executeUpdate("INSERT INTO users (username, auth_provider, auth_subject,"
                    + " created_at) VALUES ('alice', 'local', 'alice', '2026-12-06T00:00:00Z')");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO wikis (id, owner, slug,"
                    + " display_name, created_at, node) VALUES (?, 1, 'notes', 'Notes', '2026-12-06T00:00:00Z', ?)")) {
                insert.setString(1, wiki.value());
                insert.setString(2, "n1");
                insert.executeUpdate();
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Placements on(String node, boolean several) {
        return new Placements(db, node, several, new NodeDirectory(db, Clock.systemUTC()),
                new PlacementPolicy("most-room"), new NodeClient("x".repeat(32), Duration.ofSeconds(1)),
                ProxyRoutes.NONE);
    }

    @Test
    void onlyTheNodeThatHoldsAWikiAnswersForIt() {
        assertThat(on("n1", true).elsewhere(wiki, true)).isNull();
        assertThat(on("n1", true).elsewhere(wiki, false)).isNull();
        assertThat(on("n2", true).elsewhere(wiki, true).message()).contains("served by node n1").contains("n2");
        assertThat(on("n2", true).elsewhere(wiki, false).message()).contains("served by node n1");
        assertThat(on("n2", false).elsewhere(wiki, false)).as("one node alone holds every wiki").isNull();
    }

    @Test
    void aMoveMakesTheWikiReadOnlyThenBothNodesReadThenTheTargetHoldsIt() {
        Placements n1 = on("n1", true);
        Placements n2 = on("n2", true);
        assertThat(n1.beginMove(wiki, "n2")).isTrue();
        assertThat(n1.beginMove(wiki, "n2")).as("one move at a time").isFalse();
        assertThat(n1.writable(wiki)).isFalse();
        assertThat(n2.writable(wiki)).isFalse();
        assertThat(n1.elsewhere(wiki, true)).isNull();
        assertThat(n2.elsewhere(wiki, true).message()).as("the copy is not there yet").contains("being moved to this server");

        n1.switching(wiki);
        assertThat(n2.elsewhere(wiki, true)).as("both read while the proxy switches").isNull();
        assertThat(n2.elsewhere(wiki, false).message()).contains("being moved to this server");
        assertThat(n1.elsewhere(wiki, true)).isNull();

        n1.finishMove(wiki, "n2");
        assertThat(n2.elsewhere(wiki, false)).isNull();
        assertThat(n2.writable(wiki)).isTrue();
        assertThat(n1.elsewhere(wiki, true).message()).as("the old copy is never read").contains("served by node n2");
        assertThat(n1.countsByNode()).containsEntry("n2", 1).doesNotContainKey("n1");
    }

    @Test
    void aMoveCalledOffLeavesTheWikiWhereItWasAndWritable() {
        Placements n1 = on("n1", true);
        assertThat(n1.beginMove(wiki, "n2")).isTrue();
        n1.abortMove(wiki);
        assertThat(n1.writable(wiki)).isTrue();
        assertThat(n1.read(wiki)).contains(new Placement("n1", null, null));
        assertThat(on("n2", true).beginMove(wiki, "n3")).as("only the node that holds it moves it").isFalse();
        assertThat(n1.read(wiki)).contains(new Placement("n1", null, null));
    }

    @Test
    void wikisFromBeforePlacementAreClaimedByTheNodeWithTheirFiles() {
        db.withConnection(connection -> connection.createStatement().executeUpdate(
                "UPDATE wikis SET node = NULL"));
        assertThat(on("n2", true).claimUnplaced(id -> false)).isZero();
        assertThat(on("n2", true).read(wiki)).contains(new Placement(null, null, null));
        assertThat(on("n2", true).claimUnplaced(id -> id.equals(wiki))).isEqualTo(1);
        assertThat(on("n1", true).claimUnplaced(id -> true)).as("claimed once").isZero();
        assertThat(on("n1", true).read(wiki).orElseThrow().node()).isEqualTo("n2");
    }
}
