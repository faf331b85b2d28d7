package org.wikifarm.node;

/**
 * A finished move.
 *
 * @param wiki           the wiki's id
 * @param from           the node that held it
 * @param to             the node that holds it now
 * @param commit         the commit its pages are at on the new node
 * @param copyBytes      the size of the copy sent
 * @param readOnlyMillis how long it could not change (from read-only on the old node to writable on the new)
 */
public record Moved(String wiki, String from, String to, String commit, long copyBytes, long readOnlyMillis) {
}
