package org.wikifarm.api;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wikifarm.auth.Accounts;
import org.wikifarm.error.BodyTooLargeException;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.page.Attachment;
import org.wikifarm.page.AttachmentFile;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PageService;
import org.wikifarm.page.Thumbnails;
import org.wikifarm.page.Upload;
import org.wikifarm.page.Uploaded;
import org.wikifarm.tenant.Wiki;

/**
 * {@code <wiki>/api/v1/pages/{path}/attachments…}: the files attached to a page. Upload either one file as the raw
 * request body ({@code PUT …/attachments/{name}}, any content type but the three a cross-site form can send; the
 * type stored is detected from the bytes) or several as JSON with base64 contents ({@code POST …/attachments}).
 * Downloads carry the detected type, {@code nosniff}, a sandboxing CSP, the blob id as ETag ({@code If-None-Match}
 * gives 304) and {@code attachment} for anything that is not an image or plain text. Each route is one
 * {@code PageService} call.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class AttachmentResource {
    private final PageService pages;
    private final Accounts accounts;

    @Inject
    public AttachmentResource(PageService pages, Accounts accounts) {
        this.pages = pages;
        this.accounts = accounts;
    }

    /** Several files at once: {@code {"files":[{"name","content_base64"}],"message"}}. */
    public record UploadRequest(List<FileJson> files, String message) {
    }

    public record FileJson(String name, String contentBase64) {
    }

    public record RenameRequest(String newName, String message) {
    }

    @GET
    @Path("pages/{path: .+}/attachments")
    @Operation(summary = "The files attached to a page (name, bytes, id), sorted by name")
    public Map<String, Object> list(@PathParam("path") String path) {
        List<Attachment> files = pages.attachments(accounts.current(), wiki(), new PagePath(path));
        return Map.of("path", path, "attachments", files);
    }

    @POST
    @Path("pages/{path: .+}/attachments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Attaches several files in one commit (JSON, contents in base64); needs WRITE and UPLOAD")
    public Response upload(@PathParam("path") String path, UploadRequest body) {
        UploadRequest request = Requests.body(body);
        if (request.files() == null) {
            throw new WikifarmException.InvalidInput("missing_field", "files is required.");
        }
        List<Upload> files = new ArrayList<>();
        for (FileJson file : request.files()) {
            if (file == null) {
                throw new WikifarmException.InvalidInput("missing_field", "Each file needs a name and content_base64.");
            }
            files.add(new Upload(Requests.required(file.name(), "name"),
                    base64(Requests.required(file.contentBase64(), "content_base64"))));
        }
        Uploaded uploaded = pages.upload(accounts.current(), wiki(), new PagePath(path), files, request.message());
        return Response.status(201).entity(uploaded).build();
    }

    @PUT
    @Path("pages/{path: .+}/attachments/{name}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Attaches one file, the raw request body (replaces a file of that name); needs WRITE and UPLOAD")
    public Response put(@PathParam("path") String path, @PathParam("name") String name,
                        @QueryParam("message") String message, InputStream body) {
        byte[] content = read(body, pages.limits().maxAttachmentBytes(), name);
        Uploaded uploaded = pages.upload(accounts.current(), wiki(), new PagePath(path),
                List.of(new Upload(name, content)), message);
        return Response.status(201).entity(uploaded).build();
    }

    @GET
    @Path("pages/{path: .+}/attachments/{name}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "A file's bytes (?thumb=N: an image's thumbnail N pixels wide); ETag and If-None-Match")
    public Response download(@PathParam("path") String path, @PathParam("name") String name,
                             @QueryParam("thumb") String thumb,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return thumb != null ? thumbnail(path, name, thumb) : file(path, name, ifNoneMatch);
    }

    Response thumbnail(String path, String name, String thumb) {
        Thumbnails.Thumbnail small = pages.thumbnail(accounts.current(), wiki(), new PagePath(path), name,
                width(thumb));
        return Response.ok(small.content(), small.mime()).header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", AttachmentFile.CSP)
                .header("Cache-Control", AttachmentFile.CACHE_CONTROL).build();
    }

    Response file(String path, String name, String ifNoneMatch) {
        AttachmentFile file = pages.attachment(accounts.current(), wiki(), new PagePath(path), name,
                AttachmentFile.knownId(ifNoneMatch));
        if (file.notModified()) {
            return Response.notModified(AttachmentFile.etag(file.id()))
                    .header("Cache-Control", AttachmentFile.CACHE_CONTROL).build();
        }
        Response.ResponseBuilder response = Response.ok(file.content());
        file.headers().forEach(response::header);
        return response.build();
    }

    @DELETE
    @Path("pages/{path: .+}/attachments/{name}")
    @Operation(summary = "Deletes a file of the page; needs WRITE and UPLOAD")
    public Map<String, String> delete(@PathParam("path") String path, @PathParam("name") String name,
                                      @QueryParam("message") String message) {
        String revision = pages.deleteAttachment(accounts.current(), wiki(), new PagePath(path), name, message);
        return Map.of("path", path, "name", name, "revision", revision);
    }

    @POST
    @Path("pages/{path: .+}/attachments/{name}/rename")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Renames a file of the page (409 file_exists); needs WRITE and UPLOAD")
    public Attachment rename(@PathParam("path") String path, @PathParam("name") String name, RenameRequest body) {
        RenameRequest rename = Requests.body(body);
        return pages.renameAttachment(accounts.current(), wiki(), new PagePath(path), name,
                Requests.required(rename.newName(), "new_name"), rename.message());
    }

    @GET
    @Path("pages/{path: .+}/attachments/{name}/history")
    @Operation(summary = "The commits that changed a file of the page, newest first")
    public Map<String, Object> history(@PathParam("path") String path, @PathParam("name") String name,
                                       @QueryParam("limit") String limit) {
        PageService.Changes changes = pages.attachmentHistory(accounts.current(), wiki(), new PagePath(path), name,
                Requests.limit(limit, 50));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("path", path);
        answer.put("name", name);
        answer.put("changes", changes.changes());
        return answer;
    }

    private static int width(String thumb) {
        if (thumb.isEmpty() || thumb.length() > 4 || !thumb.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new WikifarmException.InvalidInput("invalid_thumbnail", "thumb is a width in pixels, 1 to "
                    + Thumbnails.MAX_WIDTH + ".");
        }
        return Integer.parseInt(thumb);
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new WikifarmException.InvalidInput("invalid_base64", "content_base64 is not valid base64.");
        }
    }

    /** The body, refused with 413 past {@code max} bytes before more is read. */
    static byte[] read(InputStream body, long max, String name) {
        try {
            byte[] content = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (content.length > max) {
                throw new WikifarmException.TooLarge(String.format(java.util.Locale.ROOT,
                        "'%s' has more than %,d bytes, the most a file may have. Nothing was stored.", name, max));
            }
            return content;
        } catch (BodyTooLargeException tooLarge) {
            throw new WikifarmException.TooLarge(tooLarge.getMessage() + " Nothing was stored.");
        } catch (IOException e) {
            throw new WikifarmException.InvalidInput("truncated_upload", "The upload ended before its body was"
                    + " complete; nothing was stored.");
        }
    }

    private static Wiki wiki() {
        return Requests.tenant().wiki();
    }
}
