package io.leadflow.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The checkout the tests run in: the module's parent directory, where Maven runs them from the module's own. */
final class Repository {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
    /** The five services, by the short name their Deployment, Service and compose service have. */
    static final List<String> SERVICES = List.of("ingest", "analysis", "scoring", "query", "export");

    private Repository() {
    }

    static Path module(String service) {
        return ROOT.resolve(service + "-service");
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
