package org.wikifarm.cli;

import java.nio.file.Path;
import org.wikifarm.importer.OtterSource;
import picocli.CommandLine.Option;

/** Where an import source's parts are, when not found by convention; and which wiki of a shared database. */
final class SourceOptions {
    @Option(names = "--repo", paramLabel = "DIR", description = "The source's git repository of pages.")
    Path repo;

    @Option(names = "--db", paramLabel = "FILE", description = "The source's SQLite database.")
    Path db;

    @Option(names = "--tenant-column", paramLabel = "COLUMN",
            description = "A shared database: the column that names each wiki (e.g. wiki_id).")
    String tenantColumn;

    @Option(names = "--tenant", paramLabel = "VALUE",
            description = "A shared database: this wiki's value in the tenant column.")
    String tenant;

    boolean given() {
        return repo != null || db != null;
    }

    OtterSource locate(Path folder) {
        return locate(folder, repo, tenant);
    }

    OtterSource locate(Path folder, Path repository, String tenantValue) {
        OtterSource.Tenant chosen = tenantColumn == null || tenantValue == null ? null
                : new OtterSource.Tenant(tenantColumn, tenantValue);
        return OtterSource.locate(folder, repository, db, chosen);
    }
}
