package org.wikifarm.page;

import org.wikifarm.auth.Caller;
import org.wikifarm.auth.User;
import org.wikifarm.error.WikifarmException;

/** Who a write is recorded for: the commit's author, the owner of a draft. */
final class Writers {
    private Writers() {
    }

    /** Commits carry the person's name, or the token's name for a token (so an assistant's edits are visible). */
    static Author author(Caller caller) {
        if (caller.token() != null) {
            return new Author(caller.token().name(), "token-" + caller.token().id() + "@tokens.wikifarm.invalid");
        }
        User user = caller.user();
        if (user == null) {
            return new Author("Anonymous", "anonymous@users.wikifarm.invalid");
        }
        String email = user.email() != null ? user.email() : user.username().value() + "@users.wikifarm.invalid";
        return new Author(user.shownName(), email);
    }

    /** Drafts belong to a person or a token; an anonymous writer keeps none. */
    static String draftOwner(Caller caller) {
        String owner = draftOwnerOrNull(caller);
        if (owner == null) {
            throw new WikifarmException.Unauthenticated("Sign in to keep drafts.");
        }
        return owner;
    }

    static String draftOwnerOrNull(Caller caller) {
        if (caller.token() != null) {
            return "token:" + caller.token().id();
        }
        return caller.asUser().map(user -> user.username().value()).orElse(null);
    }
}
