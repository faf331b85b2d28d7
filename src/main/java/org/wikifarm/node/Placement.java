package org.wikifarm.node;

/**
 * Where a wiki lives, from its row in the platform database.
 *
 * @param node     the node that holds its files and answers for it (null: a wiki from before placement, not yet
 *                 claimed)
 * @param movingTo while it moves, the node it goes to; else null
 * @param state    while it moves, {@code copying} or {@code switching}; else null
 */
public record Placement(String node, String movingTo, String state) {
    public static final String COPYING = "copying";
    public static final String SWITCHING = "switching";

    public boolean moving() {
        return state != null;
    }
}
