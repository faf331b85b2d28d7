package org.wikifarm.api;

import com.sun.management.UnixOperatingSystemMXBean;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wikifarm.auth.Accounts;
import org.wikifarm.auth.PlatformAdmin;
import org.wikifarm.store.OpenWikis;

/**
 * {@code /api/v1/health}: for load balancers and operators. Those who may see its details (platform admins) also see
 * the process's open file descriptors and heap, which is how the benchmarks check that resources stay flat however
 * many wikis are touched, and the platform database's statements and the permission decisions computed so far, which
 * is how tests and benchmarks count what a request costs.
 */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    private final OpenWikis wikis;
    private final Accounts accounts;
    private final PlatformAdmin admin;

    @Inject
    public HealthResource(OpenWikis wikis, Accounts accounts, PlatformAdmin admin) {
        this.wikis = wikis;
        this.accounts = accounts;
        this.admin = admin;
    }

    /** @param gc {@code true} runs a full collection before reading the heap; honoured for admins only */
    @GET
    public Map<String, Object> health(@QueryParam("gc") String gc) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("open_wikis", wikis.openCount());
        admin.healthDetails(accounts.current()).ifPresent(counters -> {
            if ("true".equals(gc)) {
                System.gc(); // heap_used after a collection is the live set, the figure worth comparing
            }
            Map<String, Object> runtime = runtime();
            runtime.put("platform_statements", counters.platformStatements());
            runtime.put("permission_evaluations", counters.permissionEvaluations());
            body.put("runtime", runtime);
        });
        return body;
    }

    private static Map<String, Object> runtime() {
        Map<String, Object> runtime = new LinkedHashMap<>();
        // Open descriptors are only known on Unix; elsewhere the field is null rather than a made-up number.
        runtime.put("open_files", ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getOpenFileDescriptorCount() : null);
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        runtime.put("heap_used_bytes", heap.getUsed());
        runtime.put("heap_committed_bytes", heap.getCommitted());
        return runtime;
    }
}
