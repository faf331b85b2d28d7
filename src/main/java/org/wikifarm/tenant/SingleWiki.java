package org.wikifarm.tenant;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.wikifarm.error.WikifarmException;

/**
 * Which wiki single-wiki mode serves at {@code /}: the one the setting {@code singleWiki} names ({@code owner/slug}),
 * or, when it is unset, the one wiki the platform has. Until a wiki exists there is none, and {@code /} is the
 * platform's home (sign up, create the wiki). Read per request through the repository's remembered lookups.
 */
public final class SingleWiki {
    /** How many wikis a start-up refusal names. */
    private static final int NAMED = 20;

    private final WikiRepository repository;
    private final Username owner;
    private final Slug slug;

    /** @param setting the {@code singleWiki} setting, {@code owner/slug}, or null */
    public SingleWiki(WikiRepository repository, String setting) {
        this.repository = repository;
        if (setting == null) {
            this.owner = null;
            this.slug = null;
        } else {
            int slash = setting.indexOf('/');
            String user = setting.substring(0, slash);
            String wiki = setting.substring(slash + 1);
            if (!NameRules.isValid(user) || !NameRules.isValid(wiki)) {
                throw new WikifarmException.InvalidInput("invalid_setting",
                        "singleWiki must be owner/slug of an existing wiki, such as alice/notes, not '" + setting
                                + "'.");
            }
            this.owner = new Username(user);
            this.slug = new Slug(wiki);
        }
    }

    /** The wiki served at {@code /}, if there is one yet. */
    public Optional<Wiki> current() {
        if (owner != null) {
            return repository.findByOwnerAndSlug(owner, slug);
        }
        return repository.onlyWiki();
    }

    /**
     * Refuses to start when the data folder does not say which wiki to serve: several wikis and no {@code singleWiki},
     * or a {@code singleWiki} that names none of the platform's wikis. With no wiki at all it starts (the home offers
     * to create one).
     */
    public void checkAtStart() {
        List<Wiki> some = repository.listAll("w.created_at", NAMED + 1, 0);
        if (some.isEmpty() || current().isPresent()) {
            if (owner == null && some.size() > 1) {
                throw new IllegalStateException("mode=single serves one wiki, but this data folder holds several ("
                        + names(some) + "): set singleWiki=owner/slug to the one to serve, or run with mode=farm.");
            }
            return;
        }
        throw new IllegalStateException("singleWiki=" + owner.value() + "/" + slug.value()
                + " names no wiki of this data folder; it holds " + names(some) + ".");
    }

    /** A wiki may be created only while there is none: single mode serves one (409 otherwise). */
    public void refuseSecond() {
        if (!repository.listAll("w.created_at", 1, 0).isEmpty()) {
            throw new WikifarmException.Conflict("single_wiki_mode", "This installation serves one wiki"
                    + " (mode=single) and it already has one; a second wiki needs mode=farm.");
        }
    }

    private static String names(List<Wiki> wikis) {
        String listed = wikis.stream().limit(NAMED).map(w -> w.owner().value() + "/" + w.slug().value())
                .collect(Collectors.joining(", "));
        return wikis.size() > NAMED ? listed + ", …" : listed;
    }
}
