package org.wikifarm.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.importer.ImportPlan;
import org.wikifarm.importer.ImportRecords;
import org.wikifarm.importer.Importer;
import org.wikifarm.importer.OtterData;
import org.wikifarm.importer.OtterSource;
import org.wikifarm.importer.SnapshotImport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wikifarm import}: An Otter Wiki installation into the farm as one wiki ({@code SOURCE --owner --name}); a
 * shared database split into one wiki per tenant ({@code --db shared.db --tenant-column wiki_id --repos DIR
 * --owner}); a Wikifarm wiki of another installation from one of its snapshot folders ({@code --snapshot DIR --owner
 * --name}); {@code --dry-run} prints the plan and changes nothing; {@code --undo ID} removes what an import made;
 * {@code --list} shows the imports that can be undone. See docs/cli.md for the mapping.
 */
@Command(name = "import", description = {"Imports An Otter Wiki installation (git repository + SQLite database) as a"
        + " farm wiki, splits a shared database into one wiki per tenant, or brings in a Wikifarm wiki of another"
        + " installation from one of its snapshots (--snapshot).",
        "The source is only read. A failed import leaves nothing behind; a finished one can be undone."})
final class ImportCommand extends CommandBase {
    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Parameters(paramLabel = "SOURCE", arity = "0..1", description = "An Otter Wiki installation folder.")
        Path source;

        @Option(names = "--repos", paramLabel = "DIR", description = "A shared database's wikis: DIR/<tenant> is"
                + " each wiki's repository (needs --db and --tenant-column).")
        Path repos;

        @Option(names = "--snapshot", paramLabel = "DIR", description = "A Wikifarm wiki of another installation:"
                + " one of its snapshot folders (<data>/wikis/<id>/snapshots/<time>).")
        Path snapshot;

        @Option(names = "--undo", paramLabel = "IMPORT_ID", description = "Removes what an import created.")
        String undo;

        @Option(names = "--list", description = "Lists the imports that can be undone.")
        boolean list;
    }

    @Mixin
    SourceOptions sourceOptions;

    @Option(names = "--owner", paramLabel = "USER", description = "The farm user who will own the wiki.")
    String owner;

    @Option(names = "--name", paramLabel = "NAME", description = "The new wiki's name (its URL segment).")
    String name;

    @Option(names = "--display-name", paramLabel = "TEXT", description = "Default: the source's SITE_NAME.")
    String displayName;

    @Option(names = "--history", paramLabel = "keep|squash", defaultValue = "keep",
            description = "keep (default): every source commit again, paths renamed; squash: one import commit.")
    String history;

    @Option(names = "--no-users", description = "Carry no users (and so no drafts but the owner's).")
    boolean noUsers;

    @Option(names = "--dry-run", description = "Print exactly what would be created; change nothing.")
    boolean dryRun;

    @Override
    int execute() {
        if (what.list) {
            Farm.requireDataDir(common.dataDir());
            List<ImportRecords.Entry> entries = new ImportRecords(common.dataDir()).list();
            StringBuilder text = new StringBuilder();
            entries.forEach(e -> text.append(String.format(Locale.ROOT, "%s  %s/%s  from %s  at %s%n", e.id(),
                    e.owner(), e.slug(), e.source(), e.at())));
            common.answer(Map.of("imports", entries), text.append(entries.size()).append(" imports").toString());
            return ExitCode.OK;
        }
        if (what.undo != null) {
            try (Farm farm = Farm.open(common.dataDir(), "wikifarm import --undo")) {
                ImportRecords.Entry entry = farm.importer().undo(what.undo);
                common.answer(Map.of("undone", entry), "Removed " + entry.owner() + "/" + entry.slug() + " ("
                        + entry.wikiId() + ") and " + entry.createdUsers().size() + " accounts it had created.");
                return ExitCode.OK;
            }
        }
        if (owner == null) {
            throw new WikifarmException.InvalidInput("missing_owner", "Name the wiki's owner with --owner USER.");
        }
        if (what.snapshot != null) {
            return importSnapshot();
        }
        Importer.History mode = switch (history.toLowerCase(Locale.ROOT)) {
            case "keep" -> Importer.History.KEEP;
            case "squash" -> Importer.History.SQUASH;
            default -> throw new WikifarmException.InvalidInput("invalid_history", "--history is keep or squash.");
        };
        List<Job> jobs = jobs();
        // Checked before the lock file is made: a folder that is not a data folder gets nothing.
        Farm.requireDataDir(common.dataDir());
        List<Map<String, Object>> results = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try (Farm farm = Farm.open(common.dataDir(), "wikifarm import")) {
            Importer importer = farm.importer();
            List<Importer.Prepared> prepared = new ArrayList<>();
            for (Job job : jobs) {
                prepared.add(importer.plan(job.source, new Importer.Options(owner, job.name,
                        jobs.size() == 1 ? displayName : null, mode, !noUsers), dryRun));
            }
            for (Importer.Prepared one : prepared) {
                ImportPlan plan = one.plan();
                Map<String, Object> result = new LinkedHashMap<>();
                if (dryRun) {
                    result.put("plan", plan);
                    text.append(PlanText.of(plan, true));
                } else {
                    Importer.Done done;
                    try (Progress progress = common.progress("commits copied", plan.commits())) {
                        done = importer.run(one, progress::to);
                    }
                    // The plan as carried out: the files the copy left out are known once it has run.
                    plan = done.plan();
                    result.put("plan", plan);
                    result.put("importId", done.importId());
                    result.put("wikiId", done.wiki().id().value());
                    text.append(PlanText.of(plan, false)).append("Imported as ").append(plan.owner()).append('/')
                            .append(plan.slug()).append(" (wiki ").append(done.wiki().id().value())
                            .append("); undo with: wikifarm import --undo ").append(done.importId()).append('\n');
                }
                results.add(result);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("dryRun", dryRun);
        answer.put("imports", results);
        common.answer(answer, text.toString());
        return ExitCode.OK;
    }

    /** {@code --snapshot DIR}: a Wikifarm wiki from another installation's snapshot folder. */
    private int importSnapshot() {
        if (name == null) {
            throw new WikifarmException.InvalidInput("missing_name", "Name the new wiki with --name NAME.");
        }
        Farm.requireDataDir(common.dataDir());
        Map<String, Object> result = new LinkedHashMap<>();
        String text;
        try (Farm farm = Farm.open(common.dataDir(), "wikifarm import")) {
            SnapshotImport importer = farm.snapshotImport();
            SnapshotImport.Prepared prepared = importer.plan(what.snapshot, owner, name, displayName);
            result.put("plan", prepared.plan());
            if (dryRun) {
                text = PlanText.of(prepared.plan(), true);
            } else {
                Importer.Done done = importer.run(prepared);
                result.put("importId", done.importId());
                result.put("wikiId", done.wiki().id().value());
                text = PlanText.of(done.plan(), false) + "Imported as " + owner + "/" + name + " (wiki "
                        + done.wiki().id().value() + "); undo with: wikifarm import --undo " + done.importId() + "\n";
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("dryRun", dryRun);
        answer.put("imports", List.of(result));
        common.answer(answer, text);
        return ExitCode.OK;
    }

    private record Job(OtterSource source, String name) {
    }

    /** One job for an installation; one per tenant for a shared database with {@code --repos}. */
    private List<Job> jobs() {
        if (what.repos != null) {
            if (sourceOptions.db == null || sourceOptions.tenantColumn == null) {
                throw new WikifarmException.InvalidInput("missing_shared_db",
                        "--repos splits a shared database: give it with --db FILE and --tenant-column COLUMN.");
            }
            OtterSource any = OtterSource.locate(null, what.repos, sourceOptions.db, null);
            List<Job> jobs = new ArrayList<>();
            for (String tenant : OtterData.tenants(any, sourceOptions.tenantColumn)) {
                Path repo = what.repos.resolve(tenant);
                if (!Files.isDirectory(repo)) {
                    throw new WikifarmException.InvalidInput("not_an_installation", "The shared database names the"
                            + " wiki '" + tenant + "' but there is no repository " + repo + ".");
                }
                jobs.add(new Job(sourceOptions.locate(null, repo, tenant), tenant));
            }
            return jobs;
        }
        if (name == null) {
            throw new WikifarmException.InvalidInput("missing_name", "Name the new wiki with --name NAME.");
        }
        return List.of(new Job(sourceOptions.locate(what.source), name));
    }
}
