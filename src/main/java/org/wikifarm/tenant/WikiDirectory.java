package org.wikifarm.tenant;

import java.util.Optional;

/** The three ways a request can name a wiki. */
public interface WikiDirectory {
    Optional<Wiki> findByOwnerAndSlug(Username owner, Slug slug);

    Optional<Wiki> findByCustomSlug(Slug customSlug);

    Optional<Wiki> findByDomain(String domain);

    boolean userExists(Username username);
}
