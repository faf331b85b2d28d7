package org.wikifarm.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.page.Attachment;
import org.wikifarm.page.AttachmentFile;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PageService;
import org.wikifarm.page.Screen;
import org.wikifarm.page.Thumbnails;
import org.wikifarm.page.Upload;
import org.wikifarm.page.Uploaded;

/**
 * A page's files in the web UI: the attachments screen ({@code -/attachments/<page>}: the list, an upload form for
 * several files, rename and delete), the editor's uploads (drag and drop or paste: the same form, sent by
 * {@code editor.js}, answered in JSON with the Markdown to insert), and the files themselves
 * ({@code -/file/<page>/<name>}, {@code ?thumb=N} for an image's thumbnail) served as {@link AttachmentFile#headers}
 * says: detected type, {@code nosniff}, sandboxing CSP, ETag and {@code attachment} for anything active. Each handler
 * is one {@link PageService} call; a refusal is the wiki's error page with its status (or JSON for the editor).
 */
public final class AttachmentScreens {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PageService pages;

    public AttachmentScreens(PageService pages) {
        this.pages = pages;
    }

    /** GET shows the screen; POST uploads (multipart), renames or deletes (a form's {@code action}). */
    void attachments(WikiRequest wiki) throws ServletException, IOException {
        if (!wiki.isPost()) {
            show(wiki);
            return;
        }
        String type = wiki.request().getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            upload(wiki);
            return;
        }
        String action = wiki.param("action");
        if ("delete".equals(action)) {
            delete(wiki);
        } else if ("rename".equals(action)) {
            rename(wiki);
        } else {
            throw new WikifarmException.InvalidInput("unknown_action", "The form's action must be delete or rename.");
        }
    }

    void show(WikiRequest wiki) throws ServletException, IOException {
        Screen<PageService.AttachmentList> screen = pages.attachmentsScreen(wiki.caller(), wiki.wiki(), wiki.path());
        HttpServletRequest request = wiki.request();
        List<Map<String, Object>> files = new ArrayList<>();
        for (Attachment file : screen.content().files()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", file.name());
            row.put("encoded", Urls.encodePath(file.name()).replace("/", "%2F"));
            row.put("size", org.wikifarm.usage.Bytes.human(file.bytes()));
            row.put("image", looksLikeImage(file.name()));
            row.put("markdown", markdown(file.name()));
            files.add(row);
        }
        request.setAttribute("files", files);
        request.setAttribute("canUpload", screen.content().canUpload());
        request.setAttribute("maxFiles", PageService.MAX_FILES_PER_UPLOAD);
        request.setAttribute("maxFileSize", org.wikifarm.usage.Bytes.human(pages.limits().maxAttachmentBytes()));
        if (screen.content().canUpload() && wiki.caller().anonymous()) {
            request.setAttribute("csrf", Csrf.token(request));
        }
        request.setAttribute("tree", PageTree.of(screen.sidebar().pages()));
        request.setAttribute("canWrite", screen.sidebar().canWrite());
        request.setAttribute("canAdmin", screen.sidebar().canAdmin());
        wiki.render("page/attachments", 200);
    }

    /**
     * The upload form's files (every part with a file name), each read whole within the container's multipart limits;
     * the editor asks for JSON ({@code format=json}) and gets the Markdown for each file.
     */
    void upload(WikiRequest wiki) throws IOException {
        HttpServletRequest request = wiki.request();
        boolean json = "json".equals(wiki.param("format"));
        List<Upload> files = new ArrayList<>();
        Object sent = request.getAttribute(FormBodyFilter.FILES);
        if (sent instanceof List<?> parts) {
            for (Object part : parts) {
                MultipartForm.File file = (MultipartForm.File) part;
                files.add(new Upload(file.name(), file.content()));
            }
        }
        Uploaded uploaded;
        try {
            uploaded = pages.upload(wiki.caller(), wiki.wiki(), wiki.path(), files, wiki.param("message"));
        } catch (WikifarmException refused) {
            if (!json) {
                throw refused;
            }
            answer(wiki.response(), ErrorStatus.of(refused), Map.of("error", refused.code(),
                    "message", refused.getMessage()));
            return;
        }
        if (json) {
            List<Map<String, Object>> stored = new ArrayList<>();
            for (Attachment file : uploaded.files()) {
                stored.add(Map.of("name", file.name(), "bytes", file.bytes(), "markdown", markdown(file.name())));
            }
            answer(wiki.response(), 201, Map.of("files", stored));
            return;
        }
        wiki.redirect(wiki.actionUrl("attachments", wiki.path()));
    }

    void delete(WikiRequest wiki) {
        pages.deleteAttachment(wiki.caller(), wiki.wiki(), wiki.path(), required(wiki.param("name"), "name"),
                wiki.param("message"));
        wiki.redirect(wiki.actionUrl("attachments", wiki.path()));
    }

    void rename(WikiRequest wiki) {
        pages.renameAttachment(wiki.caller(), wiki.wiki(), wiki.path(), required(wiki.param("name"), "name"),
                required(wiki.param("new_name"), "new_name").strip(), wiki.param("message"));
        wiki.redirect(wiki.actionUrl("attachments", wiki.path()));
    }

    /** {@code -/file/<page>/<name>}: the file, or with {@code ?thumb=N} an image's thumbnail. */
    void file(WikiRequest wiki) throws IOException {
        if (wiki.request().getParameter("thumb") != null) {
            thumbnail(wiki);
        } else {
            download(wiki);
        }
    }

    void thumbnail(WikiRequest wiki) throws IOException {
        PagePath page = pageOf(wiki.path());
        Thumbnails.Thumbnail small = pages.thumbnail(wiki.caller(), wiki.wiki(), page, wiki.path().name(),
                width(wiki.request().getParameter("thumb")));
        HttpServletResponse response = wiki.response();
        response.setContentType(small.mime());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", AttachmentFile.CSP);
        response.setHeader("Cache-Control", AttachmentFile.CACHE_CONTROL);
        response.setContentLength(small.content().length);
        response.getOutputStream().write(small.content());
    }

    void download(WikiRequest wiki) throws IOException {
        PagePath page = pageOf(wiki.path());
        AttachmentFile file = pages.attachment(wiki.caller(), wiki.wiki(), page, wiki.path().name(),
                AttachmentFile.knownId(wiki.request().getHeader("If-None-Match")));
        HttpServletResponse response = wiki.response();
        if (file.notModified()) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            response.setHeader("ETag", AttachmentFile.etag(file.id()));
            response.setHeader("Cache-Control", AttachmentFile.CACHE_CONTROL);
            return;
        }
        file.headers().forEach(response::setHeader);
        response.setContentLength(file.content().length);
        response.getOutputStream().write(file.content());
    }

    /** The page a file's address names: all of it but the last segment, which is the file. */
    private static PagePath pageOf(PagePath full) {
        if (full.folders().isEmpty()) {
            throw new WikifarmException.NotFound("attachment_not_found", "A file's address names its page and the"
                    + " file: -/file/<page>/<name>.");
        }
        return new PagePath(full.value().substring(0, full.value().lastIndexOf('/')));
    }

    /** What to write in a page for the file: an image embedded, anything else linked. */
    static String markdown(String name) {
        String target = name.indexOf(' ') >= 0 || name.indexOf('(') >= 0 || name.indexOf(')') >= 0
                ? "<" + name + ">" : name;
        return looksLikeImage(name) ? "![](" + target + ")" : "[" + name + "](" + target + ")";
    }

    /** A guess from the name, for what the screen offers only (a thumbnail, the Markdown); serving detects the type. */
    static boolean looksLikeImage(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg") || lower.endsWith(".gif")
                || lower.endsWith(".webp") || lower.endsWith(".bmp");
    }

    private static int width(String thumb) {
        if (thumb.isEmpty() || thumb.length() > 4 || !thumb.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new WikifarmException.InvalidInput("invalid_thumbnail", "thumb is a width in pixels, 1 to "
                    + Thumbnails.MAX_WIDTH + ".");
        }
        return Integer.parseInt(thumb);
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new WikifarmException.InvalidInput("missing_field", "The form is missing '" + field + "'.");
        }
        return value;
    }

    private static void answer(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
