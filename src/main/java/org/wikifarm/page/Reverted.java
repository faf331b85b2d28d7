package org.wikifarm.page;

import java.util.Optional;

/**
 * The result of a revert: the reverting commit (the page's current revision, or null, when there was nothing left to
 * undo), the page after it (empty when the revert left it deleted), and whether the page was there before it.
 */
public record Reverted(String revision, Optional<Page> page, boolean existed) {
}
