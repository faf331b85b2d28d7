package org.wikifarm.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What {@code GET /api/v1/health} tells a platform admin about the server process: open wikis, open file
 * descriptors, Java heap.
 */
record ServerRuntime(int openWikis, long openFiles, long heapUsedBytes, long heapCommittedBytes) {

    /**
     * The smallest of a few readings, each taken right after a full collection ({@code ?gc=true}), so garbage that
     * a collection had not reached yet is not mistaken for growth.
     */
    static ServerRuntime settled(BenchClient admin, int readings) {
        ServerRuntime least = null;
        for (int i = 0; i < readings; i++) {
            ServerRuntime reading = read(admin);
            least = least == null ? reading : new ServerRuntime(reading.openWikis,
                    Math.min(least.openFiles, reading.openFiles),
                    Math.min(least.heapUsedBytes, reading.heapUsedBytes),
                    Math.min(least.heapCommittedBytes, reading.heapCommittedBytes));
        }
        return least;
    }

    private static ServerRuntime read(BenchClient admin) {
        JsonNode health = admin.get("/api/v1/health?gc=true").expect(200).json();
        JsonNode runtime = health.path("runtime");
        if (!runtime.isObject() || !runtime.path("heap_used_bytes").isNumber()) {
            throw new AssertionError("/api/v1/health shows no runtime block to an admin: " + health);
        }
        return new ServerRuntime(health.path("open_wikis").asInt(), runtime.path("open_files").asLong(-1),
                runtime.path("heap_used_bytes").asLong(), runtime.path("heap_committed_bytes").asLong());
    }
}
