package org.wikifarm.page;

import java.time.Instant;

/** A page in a list, with when it last changed (null when the list was not asked for dates). */
public record ListedPage(PagePath path, Instant updated) {
}
