package org.wikifarm.node;

import java.time.Instant;

/**
 * A node of the farm as it last reported itself.
 *
 * @param name      its {@code nodeName}
 * @param url       where the other nodes reach it (empty: nobody can)
 * @param freeBytes the free space of its data folder's disk
 * @param seenAt    when it last wrote its row
 */
public record NodeRow(String name, String url, long freeBytes, Instant seenAt) {
}
