package org.wikifarm.page;

import java.util.Optional;
import org.wikifarm.error.WikifarmException;

/**
 * What a save from the editor came to: saved, with the writer's draft of the page discarded; or refused, with what
 * the editor shows next so the text is not lost — the reason, the page as it is now, the writer's draft, and for a
 * page someone else changed first the difference between their version and the text sent ({@code conflict}).
 */
public record EditorSave(Saved saved, WikifarmException refused, Optional<Page> current, Optional<Draft> draft,
                         String conflict) {
    static EditorSave saved(Saved saved) {
        return new EditorSave(saved, null, Optional.empty(), Optional.empty(), null);
    }

    static EditorSave stale(StaleRevisionException stale, Optional<Page> current, String conflict) {
        return new EditorSave(null, stale, current, Optional.empty(), conflict);
    }

    static EditorSave refused(WikifarmException refused, Optional<Page> current, Optional<Draft> draft) {
        return new EditorSave(null, refused, current, draft, null);
    }

    /** Someone else saved the page first: the editor shows the conflict. */
    public boolean isStale() {
        return refused instanceof StaleRevisionException;
    }
}
