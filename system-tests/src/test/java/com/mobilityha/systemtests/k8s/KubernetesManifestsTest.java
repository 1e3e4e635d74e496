package com.mobilityha.systemtests.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders both site overlays and checks what operators rely on: probes on the paths and port the
 * services really serve, failover-tuned readiness, matching selectors and ports, hardened pods,
 * no secret values, and network policies that allow exactly the flows of docs/architecture.md §1.
 */
class KubernetesManifestsTest {
    /** OTLP over gRPC: the OpenTelemetry Collector's port. */
    static final int OTLP = 4317;
    static final List<String> SERVICES = List.of("login-service", "session-service", "connect-gateway",
            "notifier-service");
    static Path repository;
    static List<RenderedSite> sites;

    @BeforeAll
    static void render() throws Exception {
        repository = Path.of("").toAbsolutePath().getParent();
        sites = List.of(RenderedSite.render(repository, "site-primary"), RenderedSite.render(repository, "site-secondary"));
    }

    @Test
    void everyServiceHasTheThreeProbesOnPathsAndItsManagementPort() throws Exception {
        for (RenderedSite site : sites) {
            Map<String, String> siteConfig = site.named(ConfigMap.class, "mobility-site").getData();
            String httpPort = siteConfig.get("QUARKUS_HTTP_PORT");
            String managementPort = siteConfig.get("QUARKUS_MANAGEMENT_PORT");
            for (String service : SERVICES) {
                String pom = Files.readString(repository.resolve(service).resolve("pom.xml"));
                assertTrue(pom.contains("quarkus-smallrye-health"), service + " serves /q/health/*");
                String config = Files.readString(repository.resolve(service)
                        .resolve("src/main/resources/application.properties"));
                for (String moved : List.of("quarkus.http.root-path", "quarkus.http.non-application-root-path",
                        "quarkus.smallrye-health.root-path")) {
                    assertFalse(config.contains(moved), service + " keeps health checks under /q/health: " + moved);
                }
                assertTrue(config.contains("quarkus.management.enabled=true"),
                        service + " serves health and metrics on its management interface");
                Deployment deployment = site.named(Deployment.class, service);
                assertTrue(deployment.getSpec().getReplicas() >= 2, service + " runs at least 2 replicas");
                Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
                ContainerPort http = container.getPorts().stream().filter(p -> "http".equals(p.getName()))
                        .findFirst().orElseThrow();
                assertEquals(Integer.parseInt(httpPort), http.getContainerPort(), service + " serves the API there");
                ContainerPort management = container.getPorts().stream()
                        .filter(p -> "management".equals(p.getName())).findFirst().orElseThrow();
                assertEquals(Integer.parseInt(managementPort), management.getContainerPort(),
                        service + " listens where probed and scraped");
                assertEquals(managementPort, deployment.getSpec().getTemplate().getMetadata().getAnnotations()
                        .get("prometheus.io/port"), service + " is scraped on its management port");
                assertProbe(site, service, container.getStartupProbe(), "/q/health/started");
                assertProbe(site, service, container.getReadinessProbe(), "/q/health/ready");
                assertProbe(site, service, container.getLivenessProbe(), "/q/health/live");
                Probe ready = container.getReadinessProbe();
                assertTrue(ready.getPeriodSeconds() * ready.getFailureThreshold() <= 3,
                        service + ": a failed dependency takes the pod out within 3 s");
                Probe live = container.getLivenessProbe();
                assertTrue(live.getPeriodSeconds() * live.getFailureThreshold() >= 30,
                        service + ": liveness never restarts a pod for a short stall");
            }
        }
    }

    @Test
    void theGatewaysStartupProbeWaitsLongerThanItsWarmUpMayTake() {
        for (RenderedSite site : sites) {
            Probe started = site.named(Deployment.class, "connect-gateway").getSpec().getTemplate().getSpec()
                    .getContainers().get(0).getStartupProbe();
            String deadline = site.named(ConfigMap.class, "connect-gateway").getData()
                    .get("GATEWAY_CONNECT_HEALTH_WARMUP_DEADLINE");
            long warmUp = java.time.Duration.parse("PT" + deadline.toUpperCase()).toSeconds();
            long allowed = (long) started.getPeriodSeconds() * started.getFailureThreshold();
            assertTrue(allowed >= warmUp + 20, "a gateway whose instance does not answer at start-up warms up for "
                    + warmUp + " s after its JVM started; the startup probe allows " + allowed + " s");
        }
    }

    @Test
    void selectorsLabelsAndPortsLineUp() {
        for (RenderedSite site : sites) {
            for (String service : SERVICES) {
                Deployment deployment = site.named(Deployment.class, service);
                Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
                assertTrue(podLabels.entrySet().containsAll(
                        deployment.getSpec().getSelector().getMatchLabels().entrySet()), service + " selector");
                Service svc = site.named(Service.class, service);
                assertTrue(podLabels.entrySet().containsAll(svc.getSpec().getSelector().entrySet()),
                        service + " Service selects its pods");
                Set<String> portNames = deployment.getSpec().getTemplate().getSpec().getContainers().get(0)
                        .getPorts().stream().map(ContainerPort::getName).collect(Collectors.toSet());
                svc.getSpec().getPorts().forEach(p -> assertTrue(portNames.contains(p.getTargetPort().getStrVal()),
                        service + " Service targets a container port"));
                PodDisruptionBudget pdb = site.named(PodDisruptionBudget.class, service);
                assertTrue(podLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));
                assertEquals(service, site.named(HorizontalPodAutoscaler.class, service).getSpec()
                        .getScaleTargetRef().getName());
            }
        }
    }

    @Test
    void podsAreHardenedAndSized() {
        for (RenderedSite site : sites) {
            for (String service : SERVICES) {
                PodSpec pod = site.named(Deployment.class, service).getSpec().getTemplate().getSpec();
                assertTrue(pod.getSecurityContext().getRunAsNonRoot(), service + " non-root");
                assertFalse(pod.getAutomountServiceAccountToken(), service + " has no API token");
                assertNotNull(pod.getTerminationGracePeriodSeconds());
                for (Container container : pod.getContainers()) {
                    var security = container.getSecurityContext();
                    assertTrue(security.getReadOnlyRootFilesystem(), service + " read-only root");
                    assertFalse(security.getAllowPrivilegeEscalation(), service + " no privilege escalation");
                    assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), service + " drops capabilities");
                    assertNotNull(container.getResources().getRequests().get("memory"), service + " memory request");
                    assertNotNull(container.getResources().getLimits().get("memory"), service + " memory limit");
                    assertTrue(container.getLifecycle().getPreStop().getSleep().getSeconds() > 0, service + " drains before stopping");
                }
            }
        }
    }

    @Test
    void noSecretValueIsInTheManifests() {
        for (RenderedSite site : sites) {
            assertTrue(site.all(Secret.class).isEmpty(), site.name() + " renders no Secret: they are created apart");
            String companies = site.named(ConfigMap.class, "mobility-companies-" + suffix(site)).getData()
                    .get("companies.properties");
            assertTrue(companies.contains("client-secret=${"), "directory secrets are references");
        }
    }

    @Test
    void everyServiceReachesRedisOverTlsAsItsOwnAclUser() throws Exception {
        String users = Files.readString(Path.of("../k8s/redis/users.acl"));
        for (RenderedSite site : sites) {
            Map<String, String> config = site.named(ConfigMap.class, "mobility-site").getData();
            for (String host : config.get("QUARKUS_REDIS_HOSTS").split(",")) {
                assertTrue(host.startsWith("rediss://"), site.name() + " reaches Redis over TLS: " + host);
                assertFalse(host.contains("@"), "no credentials in the hosts: " + host);
            }
            assertEquals("redis", config.get("QUARKUS_REDIS_TLS_CONFIGURATION_NAME"));
            assertEquals("HTTPS", config.get("QUARKUS_TLS_REDIS_HOSTNAME_VERIFICATION_ALGORITHM"), "names verified");
            String ca = config.get("QUARKUS_TLS_REDIS_TRUST_STORE_PEM_CERTS");
            for (String service : SERVICES) {
                assertTrue(users.contains("\nuser " + service + " on "), service + " has its ACL user in k8s/redis/users.acl");
                PodSpec pod = site.named(Deployment.class, service).getSpec().getTemplate().getSpec();
                Container container = pod.getContainers().get(0);
                var password = container.getEnv().stream().filter(env -> env.getName().equals("MOBILITY_REDIS_PASSWORD"))
                        .findFirst().orElseThrow(() -> new AssertionError(service + " has no Redis password"))
                        .getValueFrom().getSecretKeyRef();
                assertEquals("mobility-redis-users", password.getName());
                assertEquals(service, password.getKey(), service + " uses its own user's password");
                String mount = container.getVolumeMounts().stream().filter(m -> ca.startsWith(m.getMountPath() + "/"))
                        .findFirst().orElseThrow(() -> new AssertionError(service + " does not mount " + ca)).getName();
                assertEquals("redis-ca", pod.getVolumes().stream().filter(v -> v.getName().equals(mount)).findFirst()
                        .orElseThrow().getConfigMap().getName(), service + " trusts the Redis CA");
            }
        }
    }

    @Test
    void ingressRoutesTheContractPrefixesOnlyAndSitesDiffer() {
        Set<String> hosts = new TreeSet<>();
        for (RenderedSite site : sites) {
            Ingress ingress = site.named(Ingress.class, "mobility");
            assertFalse(ingress.getSpec().getTls().isEmpty(), "TLS");
            String host = ingress.getSpec().getRules().get(0).getHost();
            hosts.add(host);
            assertEquals(host, ingress.getSpec().getTls().get(0).getHosts().get(0));
            for (HTTPIngressPath path : ingress.getSpec().getRules().get(0).getHttp().getPaths()) {
                String backend = path.getBackend().getService().getName();
                assertTrue(path.getPath().startsWith("/api/v1/")
                                || path.getPath().equals("/admin") && backend.equals("session-service"),
                        "only the app contract and the operations console are routed: " + path.getPath());
                assertTrue(SERVICES.contains(backend), backend);
                assertEquals("http", path.getBackend().getService().getPort().getName());
            }
            assertEquals(site.name().substring("site-".length()),
                    site.named(ConfigMap.class, "mobility-site").getData().get("MOBILITY_SITE"));
        }
        assertEquals(2, hosts.size(), "each site has its own host name");
    }

    @Test
    void everySiteTracesToTheCollectorInNamespaceMonitoring() {
        for (RenderedSite site : sites) {
            Map<String, String> config = site.named(ConfigMap.class, "mobility-site").getData();
            assertEquals("false", config.get("QUARKUS_OTEL_SDK_DISABLED"), site.name() + " switches tracing on");
            assertTrue(config.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").matches("http://[a-z0-9-]+\\.monitoring\\.svc:" + OTLP),
                    site.name() + " exports to the collector: " + config.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT"));
            assertEquals("mobility.site=" + site.name().substring("site-".length()),
                    config.get("QUARKUS_OTEL_RESOURCE_ATTRIBUTES"), "spans tell their site");
        }
    }

    @Test
    void networkPoliciesAllowExactlyTheDesignedFlows() {
        Map<String, Set<Integer>> expectedEgress = Map.of(
                "login-service", Set.of(53, 443, 4317, 6379, 26379, 8080),
                "session-service", Set.of(53, 443, 4317, 6379, 26379, 8080, 9000),
                "connect-gateway", Set.of(53, 443, 4317, 6379, 26379),
                "notifier-service", Set.of(53, 443, 2197, 4317, 6379, 26379));
        for (RenderedSite site : sites) {
            List<NetworkPolicy> policies = site.all(NetworkPolicy.class);
            NetworkPolicy deny = site.named(NetworkPolicy.class, "default-deny-all");
            assertEquals(Set.of("Ingress", "Egress"), Set.copyOf(deny.getSpec().getPolicyTypes()));
            assertTrue(deny.getSpec().getIngress().isEmpty() && deny.getSpec().getEgress().isEmpty());
            for (String service : SERVICES) {
                Map<String, String> labels = site.named(Deployment.class, service).getSpec().getTemplate()
                        .getMetadata().getLabels();
                Set<Integer> egress = new TreeSet<>();
                Map<String, Set<Integer>> ingressFrom = new HashMap<>();
                for (NetworkPolicy policy : policies) {
                    if (!selects(policy, labels)) {
                        continue;
                    }
                    policy.getSpec().getEgress().forEach(rule -> rule.getPorts().forEach(p -> egress.add(port(p))));
                    policy.getSpec().getEgress().stream()
                            .filter(rule -> rule.getPorts().stream().anyMatch(p -> port(p) == OTLP))
                            .forEach(rule -> assertEquals(List.of("namespace monitoring"),
                                    rule.getTo().stream().map(KubernetesManifestsTest::describe).toList(),
                                    service + " sends spans to the collector in namespace monitoring only"));
                    policy.getSpec().getIngress().forEach(rule -> rule.getFrom().forEach(peer ->
                            ingressFrom.computeIfAbsent(describe(peer), k -> new TreeSet<>())
                                    .addAll(rule.getPorts().stream().map(KubernetesManifestsTest::port).toList())));
                }
                assertEquals(expectedEgress.get(service), egress, service + " egress ports");
                Map<String, Set<Integer>> expectedIngress = new HashMap<>(Map.of(
                        "namespace ingress-nginx", Set.of(8080), "namespace monitoring", Set.of(9000)));
                if (service.equals("session-service") || service.equals("connect-gateway")) {
                    expectedIngress.put("pods login-service", Set.of(8080));
                }
                if (!service.equals("session-service")) { // logout steps; the heartbeat's gateway readiness check
                    expectedIngress.put("pods session-service",
                            service.equals("connect-gateway") ? Set.of(8080, 9000) : Set.of(8080));
                }
                assertEquals(expectedIngress, ingressFrom, service + " accepts exactly these peers");
            }
        }
    }

    private static void assertProbe(RenderedSite site, String service, Probe probe, String path) {
        assertNotNull(probe, site.name() + " " + service + " probe " + path);
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals(new IntOrString("management"), probe.getHttpGet().getPort());
    }

    private static boolean selects(NetworkPolicy policy, Map<String, String> labels) {
        var selector = policy.getSpec().getPodSelector();
        boolean matchLabels = selector.getMatchLabels() == null
                || labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
        boolean matchExpressions = selector.getMatchExpressions() == null || selector.getMatchExpressions().stream()
                .allMatch(e -> e.getValues().contains(labels.get(e.getKey())));
        return matchLabels && matchExpressions;
    }

    private static String describe(NetworkPolicyPeer peer) {
        if (peer.getNamespaceSelector() != null) {
            return "namespace " + peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
        }
        return "pods " + peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name");
    }

    private static int port(NetworkPolicyPort port) {
        return port.getPort().getIntVal();
    }

    private static String suffix(RenderedSite site) {
        return site.all(ConfigMap.class).stream().map(c -> c.getMetadata().getName())
                .filter(n -> n.startsWith("mobility-companies-")).findFirst().orElseThrow()
                .substring("mobility-companies-".length());
    }
}
