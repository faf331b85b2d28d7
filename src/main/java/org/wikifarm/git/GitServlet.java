package org.wikifarm.git;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.errors.PackProtocolException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser.PacketLineOutRefAdvertiser;
import org.eclipse.jgit.transport.ServiceMayNotContinueException;
import org.eclipse.jgit.transport.UploadPackInternalServerErrorException;
import org.eclipse.jgit.errors.UnpackException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.auth.Accounts;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.Door;
import org.wikifarm.auth.Permission;
import org.wikifarm.auth.Permissions;
import org.wikifarm.config.Settings;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.limit.KeyedSlots;
import org.wikifarm.page.PageService;
import org.wikifarm.store.TenantId;
import org.wikifarm.store.WikiLease;
import org.wikifarm.tenant.CurrentTenant;
import org.wikifarm.tenant.Tenant;
import org.wikifarm.tenant.WikiForwardFilter;

/**
 * git's smart HTTP protocol for every wiki ({@code info/refs}, {@code git-upload-pack}, {@code git-receive-pack}),
 * without the dumb protocol: clone and fetch need READ, push needs WRITE, decided by {@link Permissions} for the
 * caller the git door acts for ({@link Door#GIT}: credentials sent with the request only). Without the right, an
 * anonymous caller gets 401 with a Basic challenge (so git asks for a user name and password), anyone else 403.
 * At most {@code gitRequestsPerWiki} requests of one wiki run at once (429 beyond), each within
 * {@code gitTimeoutSeconds}; a push within {@code gitMaxPushBytes}. What is not git's protocol is a 400.
 */
public final class GitServlet extends HttpServlet {
    /** Where the forward puts a wiki's git requests. */
    public static final String PATH = WikiForwardFilter.WIKI_PREFIX + WikiForwardFilter.GIT + "/*";

    private static final Logger LOG = LoggerFactory.getLogger(GitServlet.class);
    private static final String UPLOAD = "git-upload-pack";
    private static final String RECEIVE = "git-receive-pack";
    private static final int HELD_BYTES = 32 * 1024;
    private static final int MAX_PKT_LINE = 65520;

    private final Accounts accounts;
    private final Permissions permissions;
    private final PageService pages;
    private final Function<TenantId, WikiLease> leases;
    private final Settings.Git settings;
    private final GitServices services;
    /** Git requests running per wiki, at most {@code gitRequestsPerWiki} (429 beyond). */
    private final KeyedSlots<TenantId> running;

    public GitServlet(Accounts accounts, Permissions permissions, PageService pages,
                      Function<TenantId, WikiLease> leases, Settings.Git settings) {
        this.accounts = accounts;
        this.permissions = permissions;
        this.pages = pages;
        this.leases = leases;
        this.settings = settings;
        this.services = new GitServices(settings);
        this.running = new KeyedSlots<>(settings.requestsPerWiki());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Tenant tenant = CurrentTenant.get().orElse(null);
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String service = serviceOf(request, path);
        if (tenant == null || service == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "There is nothing here: this is the wiki's git"
                    + " endpoint; use it with git clone (git's smart HTTP protocol).");
            return;
        }
        boolean advertise = path.equals("/info/refs");
        if (advertise != request.getMethod().equals("GET") || (!advertise && !request.getMethod().equals("POST"))) {
            response.setHeader("Allow", advertise ? "GET" : "POST");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "That method is not allowed here.");
            return;
        }
        Caller caller = Permissions.atDoor(Door.GIT, accounts.current(), request.getHeader("Authorization") != null);
        try {
            permissions.require(caller, tenant.wiki(), service.equals(RECEIVE) ? Permission.WRITE : Permission.READ);
        } catch (WikifarmException.Unauthenticated e) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + tenant.wiki().slug().value()
                    + " (git)\", charset=\"UTF-8\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, e.getMessage());
            return;
        } catch (WikifarmException.Forbidden e) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, e.getMessage());
            return;
        }
        if (!advertise && !("application/x-" + service + "-request").equals(request.getContentType())) {
            response.sendError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    "A " + service + " request must be sent as application/x-" + service + "-request.");
            return;
        }
        if (running.tryTake(tenant.id()) < 0) {
            response.setHeader("Retry-After", "5");
            response.sendError(429, "Too many git requests for this wiki are running; try again in a moment.");
            return;
        }
        try (WikiLease lease = leases.apply(tenant.id())) {
            serve(request, response, lease.repository(), tenant, caller, service, advertise);
        } finally {
            running.release(tenant.id());
        }
    }

    /** {@code git-upload-pack} or {@code git-receive-pack} for a path of the smart protocol, or null. */
    private static String serviceOf(HttpServletRequest request, String path) {
        if (path.equals("/info/refs")) {
            String service = request.getParameter("service");
            return UPLOAD.equals(service) || RECEIVE.equals(service) ? service : null;
        }
        return path.equals("/" + UPLOAD) ? UPLOAD : path.equals("/" + RECEIVE) ? RECEIVE : null;
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, Repository repo, Tenant tenant,
                       Caller caller, String service, boolean advertise) throws IOException {
        response.setHeader("Cache-Control", "no-cache, max-age=0, must-revalidate");
        FirstBytes out = new FirstBytes(() -> {
            try {
                return response.getOutputStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, HELD_BYTES);
        try {
            if (advertise) {
                response.setContentType("application/x-" + service + "-advertisement");
                PacketLineOut lines = new PacketLineOut(out);
                lines.writeString("# service=" + service + "\n");
                lines.end();
                PacketLineOutRefAdvertiser refs = new PacketLineOutRefAdvertiser(lines);
                if (service.equals(UPLOAD)) {
                    services.upload(repo).sendAdvertisedRefs(refs);
                } else {
                    services.receive(repo, pages, caller, tenant.wiki()).sendAdvertisedRefs(refs);
                }
            } else {
                InputStream in = body(request, service);
                response.setContentType("application/x-" + service + "-result");
                if (service.equals(UPLOAD)) {
                    services.upload(repo).upload(in, out, null);
                } else {
                    services.receive(repo, pages, caller, tenant.wiki()).receive(in, out, null);
                }
            }
            out.close();
        } catch (UnpackException e) {
            // ReceivePack has already written the status report that tells git why ("unpacker error", naming the bad
            // object or name); it throws afterwards only to say so. The report is the answer.
            LOG.info("git push to wiki {} refused while unpacking: {}", tenant.id(), e.getCause() == null
                    ? e.getMessage() : e.getCause().getMessage());
            out.close();
        } catch (UploadPackInternalServerErrorException e) {
            LOG.error("git upload-pack failed in wiki {}", tenant.id(), e);
            fail(response, out, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "Something went wrong on our side.", e);
        } catch (NotGit | PackProtocolException | ServiceMayNotContinueException e) {
            fail(response, out, HttpServletResponse.SC_BAD_REQUEST,
                    "This is not a valid git request: " + PushHook.oneLine(String.valueOf(e.getMessage())) + ".", e);
        } catch (IOException | UncheckedIOException e) {
            // A client that went away, a timeout, or a body that ended early: the request's own problem.
            fail(response, out, HttpServletResponse.SC_BAD_REQUEST,
                    "The git request could not be read to its end (it was cut short, malformed or too slow).", e);
        }
    }

    /**
     * The request body, unzipped if git compressed it, whose first pkt-line must be what the service's requests start
     * with: a {@code want} for upload-pack, a ref update (or {@code shallow}, {@code push-cert}) for receive-pack.
     */
    private InputStream body(HttpServletRequest request, String service) throws IOException {
        InputStream in = request.getInputStream();
        String encoding = request.getHeader("Content-Encoding");
        if ("gzip".equalsIgnoreCase(encoding) || "x-gzip".equalsIgnoreCase(encoding)) {
            in = new Bounded(new GZIPInputStream(in), settings.maxPushBytes());
        } else if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
            throw new NotGit("the body's Content-Encoding " + encoding + " is not understood");
        }
        BufferedInputStream buffered = new BufferedInputStream(in, MAX_PKT_LINE);
        buffered.mark(MAX_PKT_LINE);
        String first = firstLine(buffered);
        boolean expected = service.equals(UPLOAD) ? first.startsWith("want ")
                : first.startsWith("shallow ") || first.startsWith("push-cert") || startsWithObjectId(first);
        if (!expected) {
            throw new NotGit("its first line is not a " + (service.equals(UPLOAD) ? "want" : "ref update"));
        }
        buffered.reset();
        return buffered;
    }

    /** The text of the first pkt-line (4 hex digits of length, then the line); NotGit if there is none. */
    private static String firstLine(InputStream in) throws IOException {
        byte[] header = in.readNBytes(4);
        int length = 0;
        for (byte b : header) {
            int digit = Character.digit(b, 16);
            if (digit < 0) {
                throw new NotGit("it does not start with a pkt-line");
            }
            length = length * 16 + digit;
        }
        if (header.length < 4 || length < 5 || length > MAX_PKT_LINE) {
            throw new NotGit("it does not start with a pkt-line");
        }
        byte[] line = in.readNBytes(length - 4);
        if (line.length < length - 4) {
            throw new NotGit("its first pkt-line is cut short");
        }
        return new String(line, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static boolean startsWithObjectId(String line) {
        if (line.length() < 41 || line.charAt(40) != ' ') {
            return false;
        }
        for (int i = 0; i < 40; i++) {
            char c = line.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static void fail(HttpServletResponse response, FirstBytes out, int status, String message, Exception e)
            throws IOException {
        LOG.info("git request refused ({}): {}", status, e.toString());
        if (out.pending() && !response.isCommitted()) {
            response.resetBuffer();
            response.sendError(status, message);
        }
    }

    /** Something that is not git's protocol. */
    static final class NotGit extends IOException {
        NotGit(String message) {
            super(message);
        }
    }
}
