package org.wikifarm.tenant;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.store.TenantId;
import org.wikifarm.store.WikiPreference;
import org.wikifarm.store.WikiSessions;

/**
 * A wiki's friendly (display) name travels with the wiki: it is kept in the wiki's own {@code wiki.db}
 * ({@code preferences.DISPLAY_NAME}) and mirrored in the platform database, where lists read it. A wiki restored,
 * moved or imported elsewhere brings its name, which {@link #adopt} copies into the platform's row.
 */
public final class WikiNames {
    static final String PREFERENCE = "DISPLAY_NAME";
    private static final Logger LOG = LoggerFactory.getLogger(WikiNames.class);

    private final WikiSessions sessions;
    private final WikiRepository repository;

    public WikiNames(WikiSessions sessions, WikiRepository repository) {
        this.sessions = sessions;
        this.repository = repository;
    }

    /**
     * Keeps the name in the wiki's own database (the platform's row is written by whoever changed it). The platform's
     * row is what every screen shows, so a failure here is logged, not the change refused; the next change or
     * {@link #adopt} puts them in step again.
     */
    public void store(TenantId wiki, String name) {
        try {
            sessions.inTransaction(wiki, session -> {
                WikiPreference.put(session, PREFERENCE, name);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not keep the display name of wiki {} in its own database", wiki, e);
        }
    }

    /** The name the wiki's own database holds, if it holds one. */
    public Optional<String> stored(TenantId wiki) {
        return sessions.inTransaction(wiki, session -> {
            WikiPreference stored = session.find(WikiPreference.class, PREFERENCE);
            return stored == null || stored.value() == null || stored.value().isBlank()
                    ? Optional.<String>empty() : Optional.of(stored.value());
        });
    }

    /**
     * After a wiki's files came from elsewhere (a restore, a move, an import): the platform's row takes the name the
     * wiki's own database holds; a wiki.db without one is given the platform's.
     */
    public void adopt(TenantId wiki) {
        Optional<String> stored = stored(wiki);
        Optional<Wiki> row = repository.findById(wiki);
        if (row.isEmpty()) {
            return;
        }
        if (stored.isPresent() && !stored.get().equals(row.get().displayName())) {
            repository.updateSettings(wiki, stored.get(), row.get().access());
        } else if (stored.isEmpty()) {
            store(wiki, row.get().displayName());
        }
    }
}
