package org.wikifarm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wikifarm.config.Settings;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;

/**
 * {@code platformDbJndi}: the DataSource is looked up as Tomcat's context holds it ({@code jdbc/wikifarm} is found
 * under {@code java:comp/env/}), and a name the context does not hold, or that is no DataSource, stops the start with
 * a message naming the setting. The naming context here is a map standing in for Tomcat's; the DataSource in it
 * reaches a real PostgreSQL ({@link TestPostgres}).
 */
class PlatformJndiTest {
    static final Map<String, Object> BOUND = new ConcurrentHashMap<>();

    /** A naming context that answers from {@link #BOUND}. */
    public static final class Factory implements InitialContextFactory {
        @Override
        public Context getInitialContext(Hashtable<?, ?> environment) {
            return (Context) java.lang.reflect.Proxy.newProxyInstance(Context.class.getClassLoader(),
                    new Class<?>[] {Context.class}, (proxy, method, arguments) -> {
                        if (method.getName().equals("lookup") && arguments[0] instanceof String name) {
                            Object found = BOUND.get(name);
                            if (found == null) {
                                throw new NameNotFoundException(name);
                            }
                            return found;
                        }
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        throw new NamingException("not supported: " + method.getName());
                    });
        }
    }

    @AfterEach
    void unbind() {
        BOUND.clear();
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
    }

    private static Settings.PlatformDb jndi(String name) {
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, Factory.class.getName());
        return new Settings.PlatformDb("", "", "", name, 10);
    }

    @Test
    void aDataSourceFromTheContextServesThePlatformDatabase() throws NamingException {
        BOUND.put("java:comp/env/jdbc/wikifarm", TestPostgres.dataSource(TestPostgres.emptyDatabase()));
        Settings.PlatformDb settings = jndi("jdbc/wikifarm");
        assertThat(new InitialContext().lookup("java:comp/env/jdbc/wikifarm")).isNotNull();

        try (PlatformDatabase db = new PlatformDatabase(PooledConnections.of(settings), Freshness.none())) {
            assertThat(db.dialect()).isEqualTo(PlatformDialect.POSTGRESQL);
            Integer version = db.withConnection(PostgresMigrator::storedVersion);
            assertThat(version).isEqualTo(PlatformDatabase.SCHEMA_VERSION);
        }
    }

    @Test
    void aNameTheContextDoesNotHoldIsRefusedNamingTheSetting() {
        Settings.PlatformDb settings = jndi("jdbc/missing");

        Throwable refused = catchThrowable(() -> PooledConnections.of(settings));

        assertThat(refused).isInstanceOf(WikifarmException.InvalidInput.class)
                .hasMessageContaining("platformDbJndi").hasMessageContaining("jdbc/missing");
        assertThat(ErrorStatus.of(refused)).isEqualTo(400);
    }

    @Test
    void somethingElseThanADataSourceIsRefused() {
        BOUND.put("java:comp/env/jdbc/wikifarm", "not a data source");
        Settings.PlatformDb settings = jndi("jdbc/wikifarm");

        Throwable refused = catchThrowable(() -> PooledConnections.of(settings));

        assertThat(refused).isInstanceOf(WikifarmException.InvalidInput.class)
                .hasMessageContaining("not a javax.sql.DataSource");
    }
}
