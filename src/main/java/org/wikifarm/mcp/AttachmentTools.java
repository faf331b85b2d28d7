package org.wikifarm.mcp;

import static org.wikifarm.mcp.ToolResults.ok;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.page.Attachment;
import org.wikifarm.page.AttachmentFile;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PageService;
import org.wikifarm.page.Upload;
import org.wikifarm.page.Uploaded;

/**
 * The tools for files attached to pages, as otterwiki-mcp has them: {@code list_attachments},
 * {@code upload_attachment} (base64 content), {@code download_attachment} (text when the bytes are plain UTF-8 text,
 * else base64) and {@code delete_attachment}. Each is one {@link PageService} call with the caller's token, which
 * decides READ, or WRITE and UPLOAD.
 */
final class AttachmentTools {
    private final PageService pages;

    AttachmentTools(PageService pages) {
        this.pages = pages;
    }

    Map<String, WikiTools.Handler> handlers() {
        return Map.of("list_attachments", this::list, "upload_attachment", this::upload,
                "download_attachment", this::download, "delete_attachment", this::delete);
    }

    record Listed(String path, List<Attachment> attachments) {
    }

    CallToolResult list(WikiCaller c, Arguments args) {
        PagePath path = args.path("path");
        return ok(new Listed(path.value(), pages.attachments(c.caller(), c.wiki(), path)));
    }

    record Stored(String path, String filename, long bytes, String id, String revision) {
    }

    CallToolResult upload(WikiCaller c, Arguments args) {
        PagePath path = args.path("path");
        byte[] content;
        try {
            content = Base64.getMimeDecoder().decode(args.string("content_base64"));
        } catch (IllegalArgumentException e) {
            throw new WikifarmException.InvalidInput("invalid_base64", "content_base64 is not valid base64.");
        }
        Uploaded uploaded = pages.upload(c.caller(), c.wiki(), path,
                List.of(new Upload(args.string("filename"), content)), args.optional("commit_message"));
        Attachment file = uploaded.files().get(0);
        return ok(new Stored(path.value(), file.name(), file.bytes(), file.id(), uploaded.revision()));
    }

    record Downloaded(String path, String filename, String contentType, long bytes, String id, String encoding,
                      String content) {
    }

    CallToolResult download(WikiCaller c, Arguments args) {
        PagePath path = args.path("path");
        AttachmentFile file = pages.attachment(c.caller(), c.wiki(), path, args.string("filename"), null);
        boolean text = file.type().mime().startsWith("text/plain");
        return ok(new Downloaded(path.value(), file.name().value(), file.type().mime(), file.content().length,
                file.id(), text ? "text" : "base64", text ? new String(file.content(), StandardCharsets.UTF_8)
                        : Base64.getEncoder().encodeToString(file.content())));
    }

    record Deleted(String path, String filename, String revision, boolean deleted) {
    }

    CallToolResult delete(WikiCaller c, Arguments args) {
        PagePath path = args.path("path");
        String revision = pages.deleteAttachment(c.caller(), c.wiki(), path, args.string("filename"),
                args.optional("commit_message"));
        return ok(new Deleted(path.value(), args.string("filename"), revision, true));
    }
}
