package org.wikifarm.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The first path segments the platform's web side serves, read from the servlets' own mappings (which
 * {@code app.Bootstrap} registers) and the web application's top-level folders: single-wiki mode keeps exactly
 * these beside the wiki at {@code /}. {@code PlatformPathsTest} checks them against Bootstrap's registrations and
 * the folders of {@code src/main/webapp}.
 */
public final class PlatformPaths {
    /** Folders served as they are by the container: the static files, and the WebJars in the libraries. */
    static final List<String> FOLDERS = List.of("static", "webjars");

    /** Every platform servlet's mappings, as Bootstrap registers them. */
    static final List<String[]> SERVLET_MAPPINGS = List.of(PlatformServlet.PATHS, AdminServlet.PATHS,
            SchemaAdminServlet.PATHS, new String[] {ErrorServlet.PATH}, new String[] {"/api/v1/*"},
            new String[] {"/-node/*"});

    /** {@code admin}, {@code login}, {@code static}, {@code api}, …: never a page's address in single-wiki mode. */
    public static final Set<String> FIRST_SEGMENTS = firstSegments();

    private PlatformPaths() {
    }

    private static Set<String> firstSegments() {
        Set<String> segments = new LinkedHashSet<>(FOLDERS);
        for (String[] mappings : SERVLET_MAPPINGS) {
            for (String mapping : mappings) {
                String first = firstSegment(mapping);
                if (!first.isEmpty()) {
                    segments.add(first);
                }
            }
        }
        return Set.copyOf(segments);
    }

    /** {@code "/admin/*"} → {@code "admin"}; {@code ""} (the root) → {@code ""}. */
    static String firstSegment(String mapping) {
        String path = mapping.startsWith("/") ? mapping.substring(1) : mapping;
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }
}
