package org.wikifarm.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wikifarm.config.Settings;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.node.HaproxyRuntime;
import org.wikifarm.node.PlacedWikis;
import org.wikifarm.node.ProxyMap;
import org.wikifarm.node.ProxyMapFile;
import org.wikifarm.store.PlatformDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wikifarm proxy-map}: HAProxy's map of which node holds each wiki, from the placement table
 * (docs/scale-out.md, "Routing with HAProxy"). Reads only, so it runs while the nodes serve; writes the map file
 * whole ({@code --output}) and swaps it into a running HAProxy at once ({@code --apply}).
 */
@Command(name = "proxy-map", description = {"Writes HAProxy's map of which node holds each wiki, from the placement"
        + " table (docs/scale-out.md).", "Without --output or --apply, prints the map."})
final class ProxyMapCommand extends CommandBase {
    @Option(names = "--output", paramLabel = "FILE",
            description = "Write the map to FILE (a temporary file renamed over it: HAProxy never reads half a map).")
    Path output;

    @Option(names = "--apply", paramLabel = "ADDRESS", description = "Replace the map of a running HAProxy at once"
            + " through its runtime API: host:port or a unix socket path (HAProxy's 'stats socket ... level admin').")
    String apply;

    @Option(names = "--map", paramLabel = "MAP", description = "The map as HAProxy's configuration names it (default:"
            + " the setting haproxyMap, /etc/haproxy/wikifarm.map).")
    String map;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "haproxy", description = "haproxy (default)"
            + " or nginx (key node; lines for an nginx map block; cannot be applied live).")
    String format;

    @Override
    int execute() {
        boolean nginx = "nginx".equals(format);
        if (!nginx && !"haproxy".equals(format)) {
            throw new WikifarmException.InvalidInput("invalid_format", "--format is haproxy or nginx.");
        }
        if (nginx && apply != null) {
            throw new WikifarmException.InvalidInput("invalid_format", "nginx has no runtime API: write the map"
                    + " with --output and reload nginx (nginx -s reload).");
        }
        Settings settings = Settings.load(key -> null);
        if (settings.mode().single()) {
            throw new WikifarmException.InvalidInput("single_mode",
                    "Single-wiki mode serves one wiki from one node: there is nothing to route.");
        }
        String mapName = map != null ? map : settings.cluster().haproxyMap();
        HaproxyRuntime runtime = apply == null ? null : runtime(apply);
        List<ProxyMap.Placed> wikis;
        try (PlatformDatabase db = platform(settings)) {
            wikis = PlacedWikis.read(db);
        }
        List<ProxyMap.Entry> entries = ProxyMap.entries(wikis, settings.baseDomain());
        String text = nginx ? ProxyMap.nginxText(entries) : ProxyMap.text(entries);
        if (output != null) {
            ProxyMapFile.write(output, text);
        }
        if (runtime != null) {
            runtime.replaceMap(mapName, entries);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("mode", settings.baseDomain() == null ? "path" : "host");
        answer.put("format", format);
        answer.put("wikis", wikis.size());
        answer.put("entries", entries.size());
        answer.put("output", output == null ? null : output.toAbsolutePath().toString());
        answer.put("applied", runtime == null ? null : Map.of("runtime", apply, "map", mapName));
        if (output == null && runtime == null) {
            answer.put("map", entries.stream().map(ProxyMap.Entry::toString).toList());
            common.answer(answer, text);
            return ExitCode.OK;
        }
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT, "%,d entries for %,d wikis (%s mode)%n",
                entries.size(), wikis.size(), answer.get("mode")));
        if (output != null) {
            summary.append("Written to ").append(output.toAbsolutePath()).append('\n');
        }
        if (runtime != null) {
            summary.append("Applied to HAProxy at ").append(apply).append(" (map ").append(mapName).append(")\n");
        }
        common.answer(answer, summary.toString());
        return ExitCode.OK;
    }

    private static HaproxyRuntime runtime(String address) {
        try {
            return new HaproxyRuntime(address, Duration.ofSeconds(10));
        } catch (IllegalArgumentException e) {
            throw new WikifarmException.InvalidInput("invalid_runtime_address", e.getMessage());
        }
    }

    /** The platform database the nodes share: PostgreSQL (settings platformDb*), or the data folder's file. */
    private PlatformDatabase platform(Settings settings) {
        if (!settings.cluster().platformDb().embedded()) {
            return PlatformDatabase.open(settings, org.wikifarm.store.Freshness.none());
        }
        return new PlatformDatabase(Farm.requireDataDir(common.dataDir()).resolve("platform.db"));
    }
}
