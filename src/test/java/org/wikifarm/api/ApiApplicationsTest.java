package org.wikifarm.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.Path;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.server.model.Resource;
import org.junit.jupiter.api.Test;

/** The resource lists are what the API serves and what the route-walking tests walk, so none may be missing. */
class ApiApplicationsTest {

    @Test
    void everyResourceClassOfThePackageIsListed() throws IOException, URISyntaxException, ClassNotFoundException {
        java.nio.file.Path folder = java.nio.file.Path.of(ApiApplications.class.getResource("ApiApplications.class")
                .toURI()).getParent();
        List<Class<?>> resources = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.list(folder)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName(ApiApplications.class.getPackageName() + "." + name);
                if (type.isAnnotationPresent(Path.class)) {
                    resources.add(type);
                }
            }
        }
        List<Class<?>> listed = new ArrayList<>(ApiApplications.PLATFORM_RESOURCES);
        listed.addAll(ApiApplications.WIKI_RESOURCES);

        assertThat(resources).isNotEmpty();
        // OpenApiResource serves both applications' documents, so it is in both lists.
        assertThat(listed.stream().distinct().toList()).containsExactlyInAnyOrderElementsOf(resources);
    }

    /**
     * Single-wiki mode splits {@code /api/v1/<first segment>} between the two APIs by
     * {@link ApiApplications#PLATFORM_SEGMENTS}: every route of a platform-only resource (as Jersey models it) must
     * start with one of them, and no route of the wiki's API may, or it would be unreachable there.
     */
    @Test
    void platformSegmentsAreExactlyTheFirstSegmentsOfThePlatformOnlyRoutes() {
        Set<String> platformFirsts = new TreeSet<>();
        for (Class<?> type : ApiApplications.PLATFORM_RESOURCES) {
            if (!ApiApplications.WIKI_RESOURCES.contains(type)) {
                routes(Resource.from(type), "", platformFirsts);
            }
        }
        Set<String> wikiFirsts = new TreeSet<>();
        for (Class<?> type : ApiApplications.WIKI_RESOURCES) {
            routes(Resource.from(type), "", wikiFirsts);
        }

        assertThat(ApiApplications.PLATFORM_SEGMENTS).containsExactlyInAnyOrderElementsOf(platformFirsts)
                .contains("health", "me", "users", "wikis", "admin").doesNotContain("openapi.json", "pages");
        assertThat(wikiFirsts).contains("pages", "search", "openapi.json", "tokens", "snapshots")
                .doesNotContainAnyElementsOf(ApiApplications.PLATFORM_SEGMENTS);
    }

    /** Adds the first segment of every route under {@code resource} (its own path joined below {@code prefix}). */
    private static void routes(Resource resource, String prefix, Set<String> firsts) {
        String path = join(prefix, resource.getPath());
        if (!resource.getResourceMethods().isEmpty() || resource.getResourceLocator() != null) {
            firsts.add(first(path));
        }
        for (Resource child : resource.getChildResources()) {
            routes(child, path, firsts);
        }
    }

    private static String join(String prefix, String path) {
        String tail = path == null ? "" : path.replaceAll("^/+|/+$", "");
        return prefix.isEmpty() ? tail : tail.isEmpty() ? prefix : prefix + "/" + tail;
    }

    private static String first(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }
}
