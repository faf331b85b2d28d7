package org.wikifarm.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the repositories remember is bounded twice: by time ({@code authCacheSeconds}, on the clock given) and by
 * generation (a change on this node retires everything, and a read that overlapped a change is not kept). And the
 * platform database counts the statements prepared on it, which is how tests count what a request costs.
 */
class FreshnessTest {
    private final MovableClock clock = new MovableClock();
    private final Freshness freshness = new Freshness(clock, Duration.ofSeconds(5));
    private final AtomicInteger loads = new AtomicInteger();

    @TempDir
    Path dir;

    @Test
    void anAnswerIsReusedForTheBoundAndNoLonger() {
        Freshness.Remembered<String, String> remembered = freshness.remembered(10);

        remembered.get("a", this::load);
        clock.advance(Duration.ofSeconds(5));
        remembered.get("a", this::load);
        assertThat(loads).as("at the bound: still fresh").hasValue(1);

        clock.advance(Duration.ofMillis(1));
        remembered.get("a", this::load);
        assertThat(loads).as("past it: read again").hasValue(2);
    }

    @Test
    void aChangeRetiresEverythingAtOnce() {
        Freshness.Remembered<String, String> users = freshness.remembered(10);
        Freshness.Remembered<String, String> roles = freshness.remembered(10);
        users.get("a", this::load);
        roles.get("b", this::load);

        freshness.changed();

        users.get("a", this::load);
        roles.get("b", this::load);
        assertThat(loads).hasValue(4);
    }

    @Test
    void aReadDuringAChangeIsNotKept() {
        Freshness.Remembered<String, String> remembered = freshness.remembered(10);
        Function<String, String> changedWhileReading = key -> {
            freshness.changed(); // another thread commits while this one reads the old row
            return load(key);
        };

        remembered.get("a", changedWhileReading);
        remembered.get("a", this::load);

        assertThat(loads).hasValue(2);
    }

    @Test
    void onlyWhatIsWantedIsKeptAndNeverMoreThanTheMost() {
        Freshness.Remembered<String, String> remembered = freshness.remembered(2);
        remembered.get("missing", key -> {
            loads.incrementAndGet();
            return null;
        }, value -> value != null);
        remembered.get("missing", this::load, value -> value != null);
        assertThat(loads).as("an answer not kept is read again").hasValue(2);

        remembered.get("a", this::load);
        remembered.get("b", this::load);
        remembered.get("c", this::load);
        remembered.get("c", this::load);
        assertThat(loads).hasValue(5);
    }

    @Test
    void aZeroBoundRemembersNothing() {
        Freshness.Remembered<String, String> remembered = Freshness.none().remembered(10);
        AtomicReference<String> last = new AtomicReference<>();
        remembered.get("a", key -> {
            last.set("first");
            return "first";
        });
        remembered.get("a", key -> {
            last.set("second");
            return "second";
        });
        assertThat(last).hasValue("second");
    }

    @Test
    void thePlatformDatabaseCountsStatementsAndATransactionIsAChange() {
        try (PlatformDatabase db = TestPlatforms.open(dir.resolve("platform.db"), freshness)) {
            long before = db.statements();
            long generation = freshness.generation();
            db.withConnection(connection -> {
                try (Statement query = connection.createStatement();
                     ResultSet row = query.executeQuery("SELECT count(*) FROM users")) {
                    return row.next();
                }
            });
            assertThat(db.statements() - before).isEqualTo(1);
            assertThat(freshness.generation()).as("a read changes nothing").isEqualTo(generation);

            db.inTransaction(connection -> connection.prepareStatement("SELECT 1").executeQuery().next());
            assertThat(freshness.generation()).isGreaterThan(generation);
        }
    }

    private String load(String key) {
        loads.incrementAndGet();
        return key + loads.get();
    }
}
