package org.wikifarm.page;

import java.util.Optional;

/** What the editor opens with: the page as it is (empty for a new one) and the writer's draft of it, if any. */
public record Editing(Optional<Page> page, Optional<Draft> draft) {
}
