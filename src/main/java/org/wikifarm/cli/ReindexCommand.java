package org.wikifarm.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wikifarm.search.SearchService;
import org.wikifarm.search.SearchStatus;
import org.wikifarm.tenant.Wiki;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code wikifarm reindex --all|WIKI}: search's full reindex ({@code SearchService.reindex}, as a wiki admin's
 * Reindex button starts it), run to the end in this process: every page queued again, and the tool waits until the
 * index holds the wiki's newest commit. Unchanged chunks come from the embedding cache.
 */
@Command(name = "reindex", description = "Rebuilds the search index of one wiki or of all, and waits until done.")
final class ReindexCommand extends CommandBase {
    @Mixin
    WikiChoice choice;

    @Override
    int execute() throws Exception {
        List<Map<String, Object>> results = new ArrayList<>();
        try (Farm farm = Farm.open(common.dataDir(), "wikifarm reindex")) {
            List<Wiki> wikis = choice.resolve(farm.wikis());
            SearchService search = farm.search();
            try (Progress progress = common.progress("wikis indexed", wikis.size())) {
                for (Wiki wiki : wikis) {
                    search.reindex(Farm.OPERATOR, wiki);
                    SearchStatus status = search.status(Farm.OPERATOR, wiki);
                    while (status.indexing()) {
                        Thread.sleep(100);
                        status = search.status(Farm.OPERATOR, wiki);
                    }
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("wiki", wiki.owner() + "/" + wiki.slug());
                    result.put("id", wiki.id().value());
                    result.put("indexedPages", status.indexedPages());
                    result.put("indexedChunks", status.indexedChunks());
                    result.put("failedPages", status.failedPages());
                    results.add(result);
                    progress.step();
                }
            }
        }
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> result : results) {
            text.append(String.format(Locale.ROOT, "%s: %,d pages, %,d chunks indexed, %,d failed%n",
                    result.get("wiki"), (int) result.get("indexedPages"), (int) result.get("indexedChunks"),
                    (int) result.get("failedPages")));
        }
        common.answer(Map.of("reindexed", results), text.append(results.size()).append(" wikis reindexed").toString());
        return ExitCode.OK;
    }
}
