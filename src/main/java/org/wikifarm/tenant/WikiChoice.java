package org.wikifarm.tenant;

import java.time.Instant;

/** A wiki as the "Select wiki" screen lists it: the wiki and when its pages last changed (null: not since created). */
public record WikiChoice(Wiki wiki, Instant lastChanged) {

    /** When anything last happened to its pages: the last change, or its creation. */
    public Instant lastActivity() {
        return lastChanged == null ? wiki.createdAt() : lastChanged;
    }
}
