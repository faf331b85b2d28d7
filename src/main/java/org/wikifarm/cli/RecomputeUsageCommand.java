package org.wikifarm.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.usage.UsageService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code wikifarm recompute-usage --all|WIKI}: measures pages, attachments and bytes again ({@code UsageService.measure}). */
@Command(name = "recompute-usage", description = "Measures the usage (pages, attachments, bytes on disk) of one wiki or"
        + " of all again.")
final class RecomputeUsageCommand extends CommandBase {
    @Mixin
    WikiChoice choice;

    @Override
    int execute() {
        List<Map<String, Object>> results = new ArrayList<>();
        try (Farm farm = Farm.open(common.dataDir(), "wikifarm recompute-usage")) {
            List<Wiki> wikis = choice.resolve(farm.wikis());
            try (Progress progress = common.progress("wikis measured", wikis.size())) {
                for (Wiki wiki : wikis) {
                    UsageService.Stats stats = farm.usage().measure(wiki.id());
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("wiki", wiki.owner() + "/" + wiki.slug());
                    result.put("id", wiki.id().value());
                    result.put("pages", stats.pages());
                    result.put("attachments", stats.attachments());
                    result.put("diskUsageBytes", stats.diskUsageBytes());
                    results.add(result);
                    progress.step();
                }
            }
        }
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> result : results) {
            text.append(String.format(Locale.ROOT, "%s: %,d pages, %,d attachments, %,d bytes%n", result.get("wiki"),
                    (int) result.get("pages"), (int) result.get("attachments"), (long) result.get("diskUsageBytes")));
        }
        common.answer(Map.of("measured", results), text.append(results.size()).append(" wikis measured").toString());
        return ExitCode.OK;
    }
}
