package org.wikifarm.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.Path;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
}
