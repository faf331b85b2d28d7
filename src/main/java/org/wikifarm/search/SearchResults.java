package org.wikifarm.search;

import java.util.List;

/**
 * The answer to one search. {@code mode} is the mode used: a semantic or hybrid search while the model is still
 * warming up (or off) is answered by full text alone, and {@code semantic} says why.
 *
 * @param semantic the model's state: {@code ready}, {@code warming_up}, {@code off} or {@code failed}
 * @param offset  how many better hits came before the first of {@code hits} (a later page of the same search)
 * @param hasMore whether the same search with the next offset finds more, within the {@code 100} a search ranks
 */
public record SearchResults(String query, String requestedMode, String mode, String semantic, int offset,
                            List<SearchHit> hits, boolean hasMore, double tookMs) {
}
