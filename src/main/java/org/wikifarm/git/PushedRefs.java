package org.wikifarm.git;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * Which ref updates a push may make: a wiki has one branch, {@code main}, which a push may only move forward (or
 * create, while the wiki has no commit yet). Everything else is refused with a reason the client shows.
 */
final class PushedRefs {
    static final String MAIN = Constants.R_HEADS + "main";

    private PushedRefs() {
    }

    /** Why the update may not be made, or null when it may. */
    static String refusal(String ref, ReceiveCommand.Type type) {
        if (ref.startsWith(Constants.R_TAGS)) {
            return "tags are not kept: a wiki has one branch, main, and no tags";
        }
        if (!ref.equals(MAIN)) {
            return "only main can be pushed: a wiki has one branch";
        }
        return switch (type) {
            case DELETE -> "main cannot be deleted";
            case UPDATE_NONFASTFORWARD -> "not a fast-forward: fetch, merge and push again (forced pushes are refused)";
            case CREATE, UPDATE -> null;
        };
    }
}
