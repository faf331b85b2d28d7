package org.wikifarm.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI documents are generated from the resources: every resource method of each application is in its
 * document, and nothing else is (OpenApiIT checks over HTTP that each path answers).
 */
class ApiDescriptionTest {

    @Test
    void theWikiDocumentHasEveryResourceMethodOfTheWikiApi() throws Exception {
        assertSameRoutes(new ApiDescription("wiki", ".", ApiApplications.WIKI_RESOURCES), ApiApplications.WIKI_RESOURCES);
    }

    @Test
    void thePlatformDocumentHasEveryResourceMethodOfThePlatformApi() throws Exception {
        assertSameRoutes(new ApiDescription("platform", "/api/v1", ApiApplications.PLATFORM_RESOURCES),
                ApiApplications.PLATFORM_RESOURCES);
    }

    @Test
    void schemasUseTheNamesTheApiWrites() throws Exception {
        JsonNode document = new ObjectMapper().readTree(
                new ApiDescription("wiki", ".", ApiApplications.WIKI_RESOURCES).json());
        assertThat(document.at("/openapi").asText()).startsWith("3.");
        assertThat(document.at("/servers/0/url").asText()).isEqualTo(".");
        JsonNode rename = document.at("/components/schemas/RenameRequest/properties");
        assertThat(rename.has("new_path")).as("%s", rename).isTrue();
        assertThat(rename.has("newPath")).isFalse();
        assertThat(document.at("/components/schemas/Error/properties").has("message")).isTrue();
        JsonNode save = document.at("/paths/~1pages~1{path}/put/responses/default/content");
        assertThat(save.toString()).contains("#/components/schemas/Error");
        assertThat(document.at("/paths/~1pages~1{path}/put/summary").asText()).contains("stale_revision");
    }

    private static void assertSameRoutes(ApiDescription description, List<Class<?>> resources) throws Exception {
        JsonNode paths = new ObjectMapper().readTree(description.json()).get("paths");
        Set<String> documented = new TreeSet<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
                documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        Set<String> served = new TreeSet<>();
        for (Class<?> resource : resources) {
            walk(Resource.from(resource), "", served);
        }
        assertThat(documented).isEqualTo(served);
    }

    private static void walk(Resource resource, String prefix, Set<String> routes) {
        String here = join(prefix, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            routes.add(method.getHttpMethod() + " " + (here.isEmpty() ? "/" : here));
        }
        for (Resource child : resource.getChildResources()) {
            walk(child, here, routes);
        }
    }

    /** Joins JAX-RS paths as OpenAPI writes them: a leading slash, and {@code {name: regex}} as {@code {name}}. */
    private static String join(String prefix, String path) {
        StringBuilder out = new StringBuilder(prefix);
        if (path != null) {
            for (String segment : path.split("/")) {
                if (segment.isEmpty()) {
                    continue;
                }
                int colon = segment.indexOf(':');
                out.append('/').append(segment.startsWith("{") && colon > 0
                        ? segment.substring(0, colon).strip() + "}" : segment);
            }
        }
        return out.toString();
    }
}
