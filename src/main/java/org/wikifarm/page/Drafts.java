package org.wikifarm.page;

import java.util.Locale;
import java.util.Optional;
import org.hibernate.Session;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.limit.KeyedLocks;
import org.wikifarm.store.WikiSessions;
import org.wikifarm.tenant.Wiki;

/**
 * The drafts of a wiki's writers, in the wiki's own database, for {@link PageService} (which checks permissions and
 * names the owner). A draft is at most {@code maxPageBytes} like the page itself, and a writer keeps at most
 * {@code draftsPerUser} per wiki: counted and inserted under one lock per wiki and writer, so two autosaves at once
 * cannot both take the last place.
 */
final class Drafts {
    private final WikiSessions sessions;
    private final PageLimits limits;
    private final KeyedLocks locks = new KeyedLocks(64);

    Drafts(WikiSessions sessions, PageLimits limits) {
        this.sessions = sessions;
        this.limits = limits;
    }

    Optional<Draft> find(Wiki wiki, PagePath path, String owner) {
        return sessions.inTransaction(wiki.id(), session -> find(session, path, owner));
    }

    Draft save(Wiki wiki, PagePath path, String owner, String content, String base, Integer line, Integer ch) {
        limits.requireSize(content, "A draft");
        int cap = limits.settings().draftsPerUser();
        return locks.with(wiki.id().value() + "/" + owner, () -> sessions.inTransaction(wiki.id(), session -> {
            Draft draft = find(session, path, owner).orElse(null);
            if (draft == null) {
                long kept = session.createSelectionQuery("select count(*) from Draft where author = :author",
                        Long.class).setParameter("author", owner).getSingleResult();
                if (kept >= cap) {
                    throw new WikifarmException.Conflict("too_many_drafts", String.format(Locale.ROOT,
                            "You already keep %,d drafts in this wiki, the most you may; save or discard one first.",
                            kept));
                }
                draft = new Draft(path, owner);
            }
            draft.update(content, base, line, ch);
            session.persist(draft);
            return draft;
        }));
    }

    /** Discards the draft; true when there was one. */
    boolean delete(Wiki wiki, PagePath path, String owner) {
        return sessions.inTransaction(wiki.id(), session -> find(session, path, owner).map(draft -> {
            session.remove(draft);
            return true;
        }).orElse(false));
    }

    private static Optional<Draft> find(Session session, PagePath path, String owner) {
        return session.createSelectionQuery("from Draft where pagePath = :path and author = :author", Draft.class)
                .setParameter("path", path.value()).setParameter("author", owner).uniqueResultOptional();
    }
}
