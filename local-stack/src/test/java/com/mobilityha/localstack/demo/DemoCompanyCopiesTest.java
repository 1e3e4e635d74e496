package com.mobilityha.localstack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The copies of the demo company that must stay files say what {@link DemoCompany} says: a change
 * to acme made in one place only fails here, naming the file that drifted.
 */
class DemoCompanyCopiesTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {"%dev.", "%test."})
    void commonsConfigProfilesDefineAcmeAsDemoCompany(String profile) throws IOException {
        Path file = REPOSITORY.resolve("common/src/main/resources/META-INF/microprofile-config.properties");
        Properties properties = load(file);
        String prefix = profile + DemoCompany.prefix();
        DemoCompany.identity().forEach((key, value) ->
                assertEquals(value, properties.getProperty(prefix + key), file + ": " + prefix + key));
        Set<String> expected = new HashSet<>(DemoCompany.identity().keySet());
        expected.addAll(Set.of("mobility-servers.primary", "mobility-servers.secondary"));
        assertEquals(expected, keysUnder(properties, prefix), file + ": acme's settings in " + profile);
    }

    @Test
    void loginServicesDevDirectoryIsDemoCompanysDirectory() throws IOException {
        Path file = REPOSITORY.resolve("login-service/src/main/resources/application.properties");
        Properties properties = load(file);
        String prefix = "%dev." + DemoCompany.prefix() + "directory.";
        assertEquals(DemoCompany.DIRECTORY_CLIENT_ID, properties.getProperty(prefix + "client-id"), file.toString());
        assertEquals(DemoCompany.DIRECTORY_CLIENT_SECRET, properties.getProperty(prefix + "client-secret"), file.toString());
        assertTrue(properties.getProperty(prefix + "auth-server-url").endsWith("/" + DemoCompany.CODE),
                file + ": the dev IdP's issuer of acme");
    }

    @ParameterizedTest
    @ValueSource(strings = {"site-primary", "site-secondary"})
    void siteOverlaysDefineAcmeAsDemoCompany(String overlay) throws IOException {
        Path file = REPOSITORY.resolve("k8s/overlays/" + overlay + "/companies.properties");
        Properties properties = load(file);
        DemoCompany.identity().forEach((key, value) -> assertEquals(value,
                properties.getProperty(DemoCompany.prefix() + key), file + ": " + DemoCompany.prefix() + key));
        assertEquals(DemoCompany.DIRECTORY_CLIENT_ID,
                properties.getProperty(DemoCompany.prefix() + "directory.client-id"), file.toString());
    }

    @Test
    void simulatorSeedHasDemoCompanysInstancesAndAgents() throws IOException {
        Path file = REPOSITORY.resolve("connect-simulator/src/main/resources/seed.json");
        JsonNode seed = new ObjectMapper().readTree(file.toFile());
        for (InstanceRef instance : DemoCompany.instances()) {
            JsonNode seeded = instanceOf(seed, instance.instanceId(), file);
            String where = file + ": instance " + instance.instanceId();
            assertEquals(DemoCompany.CODE + "-" + instance.role(), seeded.path("alias").asText(), where);
            assertEquals(instance.region(), seeded.path("region").asText(), where);
            List<String> users = new ArrayList<>();
            seeded.path("users").forEach(user -> users.add(user.path("username").asText()));
            assertEquals(DemoCompany.AGENTS, users, where);
            assertEquals(DemoCompany.GENERATED_AGENT_PREFIX, seeded.path("generatedUsers").path("prefix").asText(), where);
            assertEquals(DemoCompany.GENERATED_AGENTS, seeded.path("generatedUsers").path("count").asInt(), where);
        }
    }

    private static JsonNode instanceOf(JsonNode seed, String instanceId, Path file) {
        for (JsonNode instance : seed.path("instances")) {
            if (instance.path("instanceId").asText().equals(instanceId)) {
                return instance;
            }
        }
        throw new AssertionError(file + " has no instance " + instanceId);
    }

    private static Set<String> keysUnder(Properties properties, String prefix) {
        Set<String> keys = new HashSet<>();
        properties.stringPropertyNames().stream().filter(name -> name.startsWith(prefix))
                .forEach(name -> keys.add(name.substring(prefix.length())));
        return keys;
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
