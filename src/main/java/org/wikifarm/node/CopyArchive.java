package org.wikifarm.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.WikiSnapshots;

/**
 * What a move sends from one node to the other, as one zip: the snapshot taken for the move under {@code move/}, and
 * the wiki's own snapshots under {@code snapshots/<id>/} (a wiki's backups travel with it). Only those names are
 * read back, each file at most {@code maxBytes} in all, so a damaged or hostile upload cannot write elsewhere or fill
 * the disk; the receiving node then checks the snapshot as any restore does.
 */
final class CopyArchive {
    static final String MOVE = "move";
    private static final Set<String> FILES = Set.of(WikiSnapshots.MANIFEST, WikiSnapshots.DATABASE,
            WikiSnapshots.BUNDLE);

    private CopyArchive() {
    }

    /** Writes the wiki's copy: snapshot {@code moveSnapshot} as {@code move/}, every other snapshot as it is. */
    static void write(Path wikiDir, String moveSnapshot, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(1);
        addFolder(zip, WikiSnapshots.of(wikiDir, moveSnapshot), MOVE + "/");
        Path snapshots = WikiSnapshots.folder(wikiDir);
        if (Files.isDirectory(snapshots)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(snapshots)) {
                for (Path snapshot : entries) {
                    String id = snapshot.getFileName().toString();
                    if (!id.equals(moveSnapshot) && Files.isRegularFile(snapshot.resolve(WikiSnapshots.MANIFEST))) {
                        addFolder(zip, snapshot, WikiSnapshots.FOLDER + "/" + id + "/");
                    }
                }
            }
        }
        zip.finish();
        zip.flush();
    }

    private static void addFolder(ZipOutputStream zip, Path folder, String prefix) throws IOException {
        for (String name : List.of(WikiSnapshots.MANIFEST, WikiSnapshots.DATABASE, WikiSnapshots.BUNDLE)) {
            Path file = folder.resolve(name);
            if (Files.isRegularFile(file)) {
                zip.putNextEntry(new ZipEntry(prefix + name));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }

    /** Reads a copy into {@code into} (created); 400 {@code damaged_copy} for any other name or too many bytes. */
    static void read(InputStream in, Path into, long maxBytes) throws IOException {
        Files.createDirectories(into);
        long total = 0;
        ZipInputStream zip = new ZipInputStream(in);
        byte[] buffer = new byte[64 * 1024];
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            Path target = into.resolve(checked(entry.getName()));
            Files.createDirectories(target.getParent());
            try (OutputStream out = Files.newOutputStream(target)) {
                for (int read = zip.read(buffer); read > 0; read = zip.read(buffer)) {
                    total += read;
                    if (total > maxBytes) {
                        throw damaged("it is larger than this node accepts (" + maxBytes + " bytes)");
                    }
                    out.write(buffer, 0, read);
                }
            }
        }
        if (!Files.isRegularFile(into.resolve(MOVE).resolve(WikiSnapshots.MANIFEST))) {
            throw damaged("it holds no snapshot of the wiki");
        }
    }

    /** {@code move/<file>} or {@code snapshots/<snapshot id>/<file>}, nothing else. */
    private static String checked(String name) {
        String[] parts = name.split("/", -1);
        boolean move = parts.length == 2 && parts[0].equals(MOVE) && FILES.contains(parts[1]);
        boolean snapshot = parts.length == 3 && parts[0].equals(WikiSnapshots.FOLDER) && WikiSnapshots.isId(parts[1])
                && FILES.contains(parts[2]);
        if (!move && !snapshot) {
            throw damaged("it names an unexpected file");
        }
        return name;
    }

    private static WikifarmException damaged(String why) {
        return new WikifarmException.InvalidInput("damaged_copy", "The wiki's copy cannot be used: " + why + ".");
    }
}
