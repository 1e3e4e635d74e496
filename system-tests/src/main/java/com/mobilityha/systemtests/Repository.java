package com.mobilityha.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's own files (manifests, alert rules) as the local stack reads them. */
public final class Repository {
    private Repository() {
    }

    /** A file of the repository, e.g. {@code k8s/base/site-config.yaml}, found upwards from the working directory. */
    public static Path file(String path) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(path)) && Files.isDirectory(dir.resolve("k8s"))) {
                return dir.resolve(path);
            }
        }
        throw new IllegalStateException(path + " not found above " + Path.of("").toAbsolutePath());
    }
}
