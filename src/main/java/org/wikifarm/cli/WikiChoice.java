package org.wikifarm.cli;

import java.util.ArrayList;
import java.util.List;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.Slug;
import org.wikifarm.tenant.Username;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiRepository;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code --all} or one wiki, named {@code owner/name} or by its id: what {@code reindex} and the like work on. */
final class WikiChoice {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--all", required = true, description = "Every wiki.")
        boolean all;

        @Parameters(paramLabel = "WIKI", description = "One wiki: owner/name or its id.")
        String wiki;
    }

    List<Wiki> resolve(WikiRepository wikis) {
        if (which.all) {
            List<Wiki> every = new ArrayList<>();
            for (int offset = 0; ; offset += 500) {
                List<Wiki> page = wikis.listAll("w.created_at", 500, offset);
                every.addAll(page);
                if (page.size() < 500) {
                    return every;
                }
            }
        }
        return List.of(one(wikis, which.wiki));
    }

    static Wiki one(WikiRepository wikis, String name) {
        int slash = name.indexOf('/');
        java.util.Optional<Wiki> found;
        if (slash > 0) {
            found = wikis.findByOwnerAndSlug(new Username(name.substring(0, slash)),
                    new Slug(name.substring(slash + 1)));
        } else if (TenantId.isValid(name)) {
            found = wikis.findById(new TenantId(name));
        } else {
            throw new WikifarmException.InvalidInput("invalid_wiki", "Name a wiki as owner/name or by its id: "
                    + name);
        }
        return found.orElseThrow(() -> new WikifarmException.NotFound("wiki_not_found", "There is no wiki " + name
                + "."));
    }
}
