package com.mobilityha.systemtests.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A site overlay rendered by {@code kubectl kustomize} and loaded into the fabric8 Kubernetes model. */
final class RenderedSite {
    private final String name;
    private final List<HasMetadata> objects;

    private RenderedSite(String name, List<HasMetadata> objects) {
        this.name = name;
        this.objects = objects;
    }

    static RenderedSite render(Path repository, String overlay) throws IOException, InterruptedException {
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", repository.resolve("k8s/overlays/" + overlay).toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new IllegalStateException("kubectl is needed to render the overlays: install it "
                    + "(Debian: apt-get install -y kubernetes-client; .ci/run does)", e);
        }
        String yaml = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize k8s/overlays/" + overlay + " failed");
        }
        Files.writeString(repository.resolve("system-tests/target/" + overlay + ".yaml"), yaml);
        List<HasMetadata> objects = new KubernetesSerialization().unmarshal(yaml);
        return new RenderedSite(overlay, objects);
    }

    String name() {
        return name;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T named(Class<T> type, String objectName) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(objectName)).findFirst()
                .orElseThrow(() -> new AssertionError(name + ": no " + type.getSimpleName() + " " + objectName));
    }

    List<HasMetadata> objects() {
        return objects;
    }
}
