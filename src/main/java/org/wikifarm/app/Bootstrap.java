package org.wikifarm.app;

import org.wikifarm.config.Settings;
import org.wikifarm.auth.FarmPass;
import org.wikifarm.auth.FarmPassFilter;
import org.wikifarm.http.BodyLimitFilter;
import org.wikifarm.http.NodeServlet;
import org.wikifarm.http.SecurityHeadersFilter;
import org.wikifarm.http.SessionCookieFilter;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import java.util.EnumSet;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.glassfish.jersey.servlet.ServletContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.api.ApiApplications;
import org.wikifarm.auth.CredentialsFilter;
import org.wikifarm.auth.WikifarmShiroFilter;
import org.wikifarm.git.GitServlet;
import org.wikifarm.mcp.McpEndpoint;
import org.wikifarm.search.onnx.OnnxEmbedder;
import org.wikifarm.store.DataDirLock;
import org.wikifarm.tenant.TenantFilter;
import org.wikifarm.tenant.WikiForwardFilter;
import org.wikifarm.web.AccessorResolver;
import org.wikifarm.web.AdminServlet;
import org.wikifarm.web.AttachmentScreens;
import org.wikifarm.web.ChangesFeed;
import org.wikifarm.web.ErrorServlet;
import org.wikifarm.web.FormBodyFilter;
import org.wikifarm.web.PageForms;
import org.wikifarm.web.PageScreens;
import org.wikifarm.web.PageViewCache;
import org.wikifarm.web.PlatformServlet;
import org.wikifarm.web.SchemaAdminServlet;
import org.wikifarm.web.SearchScreens;
import org.wikifarm.web.SignInHandoff;
import org.wikifarm.web.SignInLinks;
import org.wikifarm.web.SnapshotForms;
import org.wikifarm.web.Views;
import org.wikifarm.web.WikiAdminForms;
import org.wikifarm.web.WikiChooser;
import org.wikifarm.web.WikiServlet;

/**
 * Starts Wikifarm inside Tomcat: reads the settings, builds the services, and registers the filters (in this order:
 * security headers → tenant → session cookie → Shiro → credentials → body limit → wiki forward) and servlets. Stops
 * them all on undeploy. In host mode the session cookie is set for the base domain and every name under it.
 */
@WebListener
public final class Bootstrap implements ServletContextListener {
    private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);
    private final LibraryLeftovers leftovers = new LibraryLeftovers();
    private App app;
    private McpEndpoint mcp;
    private DataDirLock dataDirLock;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        leftovers.started();
        try {
            start(context);
        } finally {
            // This thread is Tomcat's (the manager's, on a redeploy) and the platform migration ran on it.
            leftovers.clearCurrentThread();
        }
    }

    private void start(ServletContext context) {
        Settings settings = Settings.load(key -> containerSetting(context, key));
        LOG.info("Starting Wikifarm: data in {}, {} mode, at most {} wikis open", settings.dataDir(),
                settings.mode().single() ? "single-wiki" : settings.hostMode() ? "host (" + settings.baseDomain() + ")"
                        : "path", settings.openWikiCap());
        // Held until undeploy: the command-line tool refuses to write while a server has the data folder.
        dataDirLock = DataDirLock.take(settings.dataDir(), "the Wikifarm server");
        try {
            app = new App(settings);
        } catch (RuntimeException e) {
            // Said where the operator looks first (Tomcat puts the stack trace in its container log).
            LOG.error("Wikifarm cannot start: {}", e.getMessage());
            dataDirLock.close();
            dataDirLock = null;
            throw e;
        }
        if (settings.hostMode()) {
            // One sign-in for the platform's host and every wiki under the base domain; custom domains get theirs
            // from SessionCookieFilter.
            context.getSessionCookieConfig().setDomain(settings.baseDomain());
        }
        context.addListener(app.signInFamilies());
        context.addListener(leftovers);
        SignInLinks signInLinks = new SignInLinks(app.farmHosts());
        context.setAttribute(SignInLinks.ATTRIBUTE, signInLinks);
        context.setAttribute(Views.PERMISSIONS, app.permissions());
        jakarta.servlet.jsp.JspFactory jsp = jakarta.servlet.jsp.JspFactory.getDefaultFactory();
        if (jsp != null) {
            jsp.getJspApplicationContext(context).addELResolver(new AccessorResolver());
        }

        filter(context, "security-headers", new SecurityHeadersFilter(settings.baseDomain()), DispatcherType.ERROR);
        filter(context, "tenant", new TenantFilter(app.resolver(), app.wikis(), app.placements()));
        filter(context, "session-cookie", new SessionCookieFilter(settings.baseDomain()));
        filter(context, "shiro", new WikifarmShiroFilter(app.securityManager()), DispatcherType.ERROR);
        filter(context, "credentials", new CredentialsFilter(settings.proxy(), app.loginThrottle()));
        Settings.Cluster cluster = settings.cluster();
        if (!cluster.platformDb().embedded() && !cluster.nodeSecret().isEmpty()) {
            // Several nodes: one sign-in for all of them (a signed pass), and a session cookie of this node's own,
            // so the sessions of the nodes a browser visits do not overwrite each other (docs/scale-out.md).
            context.getSessionCookieConfig().setName("WIKIFARM_SESSION_" + cluster.nodeName().replace('-', '_'));
            filter(context, "farm-pass", new FarmPassFilter(new FarmPass(cluster.nodeSecret(),
                    java.time.Clock.systemUTC()), app.accounts(), settings.baseDomain()));
        }
        filter(context, "body-limit", new BodyLimitFilter(settings.maxBodyBytes(), settings.maxFormBytes(),
                settings.git().maxPushBytes(), settings.limits().maxAttachmentBytes(),
                settings.limits().maxUploadBytes()));
        filter(context, "wiki-forward", new WikiForwardFilter());

        ApiApplications.Services api = new ApiApplications.Services(app.accounts(), app.catalog(), app.openWikis(),
                app.pages(), app.search(), app.resolver(), app.wikiSettings(), app.members(), app.tokens(),
                settings.limits(), app.platformAdmin(), app.usage(), app.looks(), app.snapshots(),
                app.migrations(), app.nodes());
        servlet(context, "platform-api", new ServletContainer(ApiApplications.platform(api)), "/api/v1/*");
        servlet(context, "wiki-api", new ServletContainer(ApiApplications.wiki(api)),
                WikiForwardFilter.WIKI_PREFIX + "/api/v1/*");
        servlet(context, "error", new ErrorServlet(app.accounts()), ErrorServlet.PATH);
        // What the farm's nodes ask each other (docs/scale-out.md); 404 without the shared nodeSecret.
        servlet(context, "node", new NodeServlet(settings.cluster().nodeSecret(),
                app.platform().freshness()::changedElsewhere, app.wikis(),
                wiki -> app.names().store(wiki.id(), wiki.displayName()), app.mover(), app.nodes()), "/-node/*");
        mcp = new McpEndpoint(app.pages(), app.search(), app.accounts(), settings.hostMode(), settings.maxBodyBytes(),
                settings.limits(), app.wikiSettings()::linkOrder);
        servlet(context, "mcp", mcp.servlet(), McpEndpoint.PATH);
        servlet(context, "git", new GitServlet(app.accounts(), app.permissions(), app.pages(),
                app.openWikis()::acquire, settings.git()), GitServlet.PATH);
        // The base domain a wiki's page gives its script for the cookie of recent wikis (web.BrowserWikis).
        context.setAttribute("cookieDomain", settings.baseDomain() == null ? "" : settings.baseDomain());
        WikiChooser chooser = new WikiChooser(app.selector(), app.resolver(), settings.baseDomain(),
                java.time.Clock.systemUTC());
        PageScreens screens = new PageScreens(app.pages(), app.renderCache(),
                settings.render().concurrencyPerWiki(), new PageViewCache(settings.render().pageCacheBytes(),
                        settings.render().pageCacheBytesPerWiki()), app.wikiSettings()::linkOrder);
        servlet(context, "wiki-ui", new WikiServlet(app.accounts(), screens, new PageForms(app.pages(), screens,
                settings.maxFormBytes()),
                new WikiAdminForms(app.wikiSettings(), app.members(), app.tokens(), app.resolver(), app.search(),
                        app.usage(), app.looks()),
                new SearchScreens(app.search()),
                new SignInHandoff(app.accounts(), signInLinks, app.signInTickets(), app.signInFamilies()),
                signInLinks, new ChangesFeed(app.pages()), new AttachmentScreens(app.pages()), chooser,
                app.looks(), new SnapshotForms(app.snapshots(), app.resolver())),
                WikiForwardFilter.WIKI_PREFIX + "/*");
        servlet(context, "platform-ui", new PlatformServlet(app.accounts(), app.catalog(), app.resolver(),
                app.loginThrottle(), signInLinks, app.signInTickets(), app.signInFamilies(), chooser),
                PlatformServlet.PATHS);
        servlet(context, "admin-ui", new AdminServlet(app.accounts(), app.platformAdmin(), app.resolver(), app.usage(),
                app.selector(), app.nodes()),
                AdminServlet.PATHS);
        servlet(context, "schema-admin-ui", new SchemaAdminServlet(app.accounts(), app.migrations(), app.openWikis(),
                app.resolver()), SchemaAdminServlet.PATHS);
        // After the forward to /_wiki, so the fields of a form are the body's and nothing of the query string.
        FilterRegistration.Dynamic forms = context.addFilter("form-body", new FormBodyFilter());
        forms.setAsyncSupported(true);
        forms.addMappingForServletNames(EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD), true,
                "wiki-ui", "platform-ui", "admin-ui", "schema-admin-ui");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (mcp != null) {
            mcp.close();
            mcp = null;
        }
        if (app != null) {
            app.close();
            app = null;
        }
        if (dataDirLock != null) {
            dataDirLock.close();
            dataDirLock = null;
        }
        // The model lives as long as this class loader (every App of a test JVM shares it); this is its end.
        OnnxEmbedder.closeShared();
        leftovers.stopped();
    }

    /** Every filter runs on requests; some also on error dispatches (so error pages know who is signed in). */
    private static void filter(ServletContext context, String name, Filter filter, DispatcherType... also) {
        FilterRegistration.Dynamic registration = context.addFilter(name, filter);
        registration.setAsyncSupported(true);
        EnumSet<DispatcherType> dispatches = EnumSet.of(DispatcherType.REQUEST);
        dispatches.addAll(java.util.List.of(also));
        registration.addMappingForUrlPatterns(dispatches, true, "/*");
    }

    private static void servlet(ServletContext context, String name, jakarta.servlet.Servlet servlet,
                                String... paths) {
        ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
        registration.setAsyncSupported(true);
        registration.setLoadOnStartup(1);
        registration.addMapping(paths);
    }

    /** A context parameter, or else a JNDI environment entry {@code java:comp/env/<key>}. */
    private static String containerSetting(ServletContext context, String key) {
        String value = context.getInitParameter(key);
        if (value != null) {
            return value;
        }
        try {
            Object entry = new InitialContext().lookup("java:comp/env/" + key);
            return entry == null ? null : entry.toString();
        } catch (NamingException e) {
            return null;
        }
    }
}
