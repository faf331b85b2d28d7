package org.wikifarm.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.app.TestFarm;
import org.wikifarm.auth.Caller;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.tenant.Wiki;

/**
 * Files attached to pages on a real farm (SQLite, JGit): stored beside the page in the repository, moved and deleted
 * with it in the same commit, with history; hostile names, sizes, the quota and rights refused with nothing stored;
 * thumbnails bounded and cached; one wiki's files never reachable through another.
 */
class AttachmentsTest {
    @TempDir
    Path dir;

    private TestFarm farm;
    private PageService pages;
    private Caller owner;
    private Wiki wiki;

    @BeforeEach
    void farm() {
        farm = new TestFarm(dir, TestFarm.limits().build().withAttachments(1000, 1500, 10_000, 1 << 20));
        pages = farm.app.pages();
        owner = farm.signUp("owner");
        wiki = farm.wiki(owner, "notes");
        pages.save(owner, wiki, new PagePath("Folder/Page"), "See ![](diagram.png)", null, null);
    }

    @AfterEach
    void close() {
        farm.close();
    }

    private static Upload file(String name, String text) {
        return new Upload(name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void filesAreStoredBesideThePageInOneCommitAndRead() {
        Uploaded uploaded = pages.upload(owner, wiki, new PagePath("Folder/Page"),
                List.of(file("notes.txt", "hello"), new Upload("diagram.png", png(3, 2))), null);

        assertThat(uploaded.revision()).matches("[0-9a-f]{40}");
        assertThat(uploaded.files()).extracting(Attachment::name).containsExactly("notes.txt", "diagram.png");
        assertThat(pages.attachments(owner, wiki, new PagePath("Folder/Page")))
                .extracting(Attachment::name, Attachment::bytes)
                .containsExactly(org.assertj.core.api.Assertions.tuple("diagram.png", (long) png(3, 2).length),
                        org.assertj.core.api.Assertions.tuple("notes.txt", 5L));
        assertThat(files()).contains("Folder/Page.md", "Folder/Page/diagram.png", "Folder/Page/notes.txt");
        AttachmentFile text = pages.attachment(owner, wiki, new PagePath("Folder/Page"), "notes.txt", null);
        assertThat(new String(text.content(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(text.type().mime()).isEqualTo("text/plain; charset=utf-8");
        assertThat(text.id()).isEqualTo(uploaded.files().get(0).id());
        AttachmentFile image = pages.attachment(owner, wiki, new PagePath("Folder/Page"), "diagram.png", null);
        assertThat(image.type().image()).isTrue();
        assertThat(image.headers()).containsEntry("Content-Disposition",
                "inline; filename=\"diagram.png\"; filename*=UTF-8''diagram.png");
        // The ETag's version again: nothing read, a 304.
        assertThat(pages.attachment(owner, wiki, new PagePath("Folder/Page"), "diagram.png", image.id())
                .notModified()).isTrue();
        assertThat(pages.attachmentHistory(owner, wiki, new PagePath("Folder/Page"), "notes.txt", 10).changes())
                .extracting(Change::revision).containsExactly(uploaded.revision());
        // Pages are still only the .md files.
        assertThat(pages.list(owner, wiki, null)).extracting(PagePath::value).containsExactly("Folder/Page");
    }

    @Test
    void filesFollowTheirPageWhenItIsRenamedOrDeleted() {
        pages.upload(owner, wiki, new PagePath("Folder/Page"), List.of(file("a.txt", "a")), null);

        Renamed renamed = pages.rename(owner, wiki, new PagePath("Folder/Page"), new PagePath("Other/Place"), null,
                false);

        assertThat(files()).contains("Other/Place.md", "Other/Place/a.txt").doesNotContain("Folder/Page/a.txt");
        assertThat(pages.attachments(owner, wiki, new PagePath("Other/Place"))).extracting(Attachment::name)
                .containsExactly("a.txt");
        assertThat(pages.change(owner, wiki, renamed.page().revision()).revision())
                .isEqualTo(renamed.page().revision());

        pages.delete(owner, wiki, new PagePath("Other/Place"), null, null);

        assertThat(files()).noneMatch(file -> file.startsWith("Other/"));
    }

    @Test
    void restoringADeletedPageBringsItsFilesBackButKeepsWhatNowTakesTheirPlace() {
        pages.upload(owner, wiki, new PagePath("Folder/Page"), List.of(file("a.txt", "first a"), file("b.txt", "b")),
                null);
        pages.upload(owner, wiki, new PagePath("Folder/Page"), List.of(file("a.txt", "last a")), null);
        pages.delete(owner, wiki, new PagePath("Folder/Page"), null, null);
        assertThat(files()).noneMatch(file -> file.startsWith("Folder/Page"));
        // Meanwhile a sub-page makes "b.txt" a folder: the restore must not replace it.
        pages.save(owner, wiki, new PagePath("Folder/Page/b.txt/Sub"), "sub-page", null, null);

        pages.restore(owner, wiki, new PagePath("Folder/Page"), null);

        assertThat(pages.attachments(owner, wiki, new PagePath("Folder/Page"))).extracting(Attachment::name)
                .containsExactly("a.txt");
        assertThat(new String(pages.attachment(owner, wiki, new PagePath("Folder/Page"), "a.txt", null).content(),
                StandardCharsets.UTF_8)).isEqualTo("last a");
        assertThat(files()).contains("Folder/Page.md", "Folder/Page/a.txt", "Folder/Page/b.txt/Sub.md");
    }

    @Test
    void renameAndDeleteOfAFile() {
        pages.upload(owner, wiki, new PagePath("Folder/Page"), List.of(file("a.txt", "a"), file("b.txt", "b")),
                null);

        assertThat(pages.renameAttachment(owner, wiki, new PagePath("Folder/Page"), "a.txt", "c.txt", null).name())
                .isEqualTo("c.txt");
        assertThatThrownBy(() -> pages.renameAttachment(owner, wiki, new PagePath("Folder/Page"), "c.txt", "b.txt",
                null)).isInstanceOfSatisfying(WikifarmException.class, e -> assertThat(e.code())
                        .isEqualTo("file_exists"));
        pages.deleteAttachment(owner, wiki, new PagePath("Folder/Page"), "b.txt", null);

        assertThat(pages.attachments(owner, wiki, new PagePath("Folder/Page"))).extracting(Attachment::name)
                .containsExactly("c.txt");
        assertThatThrownBy(() -> pages.attachment(owner, wiki, new PagePath("Folder/Page"), "b.txt", null))
                .isInstanceOfSatisfying(WikifarmException.class, e -> assertThat(ErrorStatus.of(e)).isEqualTo(404));
    }

    @Test
    void hostileNamesAreRefusedAndNothingIsStored() {
        String head = head();
        for (String name : List.of("..", ".", "a/b", "a\\b", "x\u0001y", ".git", ".hidden", "CON", "nul.txt",
                "com1.png", "page.md", "PAGE.MD", "a".repeat(256), " lead", "trail ", "dot.", "a:b", "a\u200bb",
                "")) {
            Throwable refused = catchThrowable(() -> pages.upload(owner, wiki, new PagePath("Folder/Page"),
                    List.of(file(name, "x")), null));
            assertThat(refused).as(name).isInstanceOf(WikifarmException.InvalidInput.class);
            assertThat(ErrorStatus.of(refused)).as(name).isEqualTo(400);
        }
        assertThatThrownBy(() -> pages.upload(owner, wiki, new PagePath("Folder/Page"),
                List.of(file("a.txt", "1"), file("a.txt", "2")), null))
                .isInstanceOfSatisfying(WikifarmException.class, e -> assertThat(e.code()).isEqualTo("duplicate_file"));
        assertThatThrownBy(() -> pages.upload(owner, wiki, new PagePath("Missing"), List.of(file("a.txt", "1")),
                null)).isInstanceOf(PageNotFoundException.class);
        assertThat(head()).isEqualTo(head);
    }

    @Test
    void sizesAndTheQuotaAreCheckedBeforeAnythingIsStored() {
        String head = head();
        Throwable tooLarge = catchThrowable(() -> pages.upload(owner, wiki, new PagePath("Folder/Page"),
                List.of(file("ok.txt", "fine"), new Upload("big.bin", new byte[1001])), null));
        assertThat(ErrorStatus.of(tooLarge)).isEqualTo(413);
        assertThat(tooLarge).hasMessageContaining("'big.bin' has 1,001 bytes");
        Throwable together = catchThrowable(() -> pages.upload(owner, wiki, new PagePath("Folder/Page"),
                List.of(new Upload("a.bin", new byte[800]), new Upload("b.bin", new byte[800])), null));
        assertThat(ErrorStatus.of(together)).isEqualTo(413);
        assertThat(head()).isEqualTo(head);

        long used = farm.app.usage().measure(wiki.id()).diskUsageBytes();
        farm.app.usage().setLimits(farm.admin, wiki.id().value(), used + 500, null);
        pages.upload(owner, wiki, new PagePath("Folder/Page"), List.of(new Upload("a.bin", new byte[400])), null);
        String afterFirst = head();
        Throwable quota = catchThrowable(() -> pages.upload(owner, wiki, new PagePath("Folder/Page"),
                List.of(new Upload("b.bin", new byte[400])), null));

        assertThat(quota).isInstanceOf(WikifarmException.QuotaExceeded.class);
        assertThat(ErrorStatus.of(quota)).isEqualTo(413);
        assertThat(head()).isEqualTo(afterFirst);
        // Deleting always passes, so an owner over the limit can clean up.
        pages.deleteAttachment(owner, wiki, new PagePath("Folder/Page"), "a.bin", null);
    }

    @Test
    void uploadingNeedsWriteAndTheAttachmentLevelAndOtherWikisSeeNothing() {
        pages.upload(owner, wiki, new PagePath("Folder/Page"), List.of(file("a.txt", "a")), null);
        Caller viewer = farm.signUp("viewer");
        farm.app.members().grant(owner, wiki, "viewer", "viewer");
        Caller stranger = farm.signUp("stranger");
        Wiki other = farm.wiki(stranger, "other");
        pages.save(stranger, other, new PagePath("Folder/Page"), "theirs", null, null);

        assertThat(pages.attachments(viewer, wiki, new PagePath("Folder/Page"))).hasSize(1);
        assertThat(catchThrowable(() -> pages.upload(viewer, wiki, new PagePath("Folder/Page"),
                List.of(file("b.txt", "b")), null))).isInstanceOf(WikifarmException.Forbidden.class);
        assertThat(catchThrowable(() -> pages.deleteAttachment(viewer, wiki, new PagePath("Folder/Page"), "a.txt",
                null))).isInstanceOf(WikifarmException.Forbidden.class);
        assertThat(catchThrowable(() -> pages.attachment(stranger, wiki, new PagePath("Folder/Page"), "a.txt",
                null))).isInstanceOf(WikifarmException.Forbidden.class);
        assertThat(catchThrowable(() -> pages.attachment(Caller.ANONYMOUS, wiki, new PagePath("Folder/Page"),
                "a.txt", null))).isInstanceOf(WikifarmException.Unauthenticated.class);
        // The same page in another wiki has none of this wiki's files.
        assertThat(pages.attachments(stranger, other, new PagePath("Folder/Page"))).isEmpty();
        assertThat(catchThrowable(() -> pages.attachment(stranger, other, new PagePath("Folder/Page"), "a.txt",
                null))).isInstanceOf(WikifarmException.NotFound.class);
    }

    @Test
    void thumbnailsAreBoundedAndCached() {
        pages.upload(owner, wiki, new PagePath("Folder/Page"), List.of(new Upload("pic.png", png(80, 40)),
                new Upload("bomb.png", pngHeader(100_000, 100_000)), file("text.txt", "hello")), null);

        long[] before = pages.thumbnails().figures();
        Thumbnails.Thumbnail first = pages.thumbnail(owner, wiki, new PagePath("Folder/Page"), "pic.png", 20);
        Thumbnails.Thumbnail again = pages.thumbnail(owner, wiki, new PagePath("Folder/Page"), "pic.png", 20);
        long[] after = pages.thumbnails().figures();

        assertThat(first.mime()).isEqualTo("image/png");
        assertThat(again).isSameAs(first);
        assertThat(after[1] - before[1]).as("hits").isEqualTo(1);
        assertThat(after[2] - before[2]).as("misses").isEqualTo(1);
        assertThat(size(first.content())).containsExactly(20, 10);
        Throwable bomb = catchThrowable(() -> pages.thumbnail(owner, wiki, new PagePath("Folder/Page"), "bomb.png",
                20));
        assertThat(ErrorStatus.of(bomb)).isEqualTo(413);
        assertThat(bomb).hasMessageContaining("100,000 × 100,000 pixels");
        assertThat(ErrorStatus.of(catchThrowable(() -> pages.thumbnail(owner, wiki, new PagePath("Folder/Page"),
                "text.txt", 20)))).isEqualTo(400);
        assertThat(ErrorStatus.of(catchThrowable(() -> pages.thumbnail(owner, wiki, new PagePath("Folder/Page"),
                "pic.png", 0)))).isEqualTo(400);
    }

    private static int[] size(byte[] image) {
        try {
            BufferedImage read = ImageIO.read(new java.io.ByteArrayInputStream(image));
            return new int[] {read.getWidth(), read.getHeight()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> files() {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(farm.repository(wiki).toFile()).setBare()
                .setMustExist(true).build(); RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
            tree.addTree(walk.parseCommit(repo.resolve("refs/heads/main")).getTree());
            tree.setRecursive(true);
            List<String> files = new java.util.ArrayList<>();
            while (tree.next()) {
                files.add(tree.getPathString());
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String head() {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(farm.repository(wiki).toFile()).setBare()
                .setMustExist(true).build()) {
            return repo.resolve("refs/heads/main").name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real PNG of the size. */
    static byte[] png(int width, int height) {
        try {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            image.setRGB(0, 0, 0xff0000);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG signature and header chunk that claim the size, and no pixels: what a decompression bomb starts as. */
    static byte[] pngHeader(int width, int height) {
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        java.nio.ByteBuffer png = java.nio.ByteBuffer.allocate(8 + 4 + 17 + 4);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a}).putInt(13).put(ihdr.array())
                .putInt((int) crc.getValue());
        return png.array();
    }
}
