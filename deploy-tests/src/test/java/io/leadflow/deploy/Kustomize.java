package io.leadflow.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An overlay rendered as an operator's {@code kubectl apply -k} would render it. */
final class Kustomize {

    /** kubectl on the PATH (Debian's kubernetes-client: .ci/run installs it), unless -Dleadflow.kubectl names another. */
    private static final String KUBECTL = System.getProperty("leadflow.kubectl", "kubectl");

    private Kustomize() {
    }

    static List<Map<String, Object>> render(Path overlay) {
        try {
            Process process = new ProcessBuilder(KUBECTL, "kustomize", overlay.toString())
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + overlay + " failed: " + err);
            }
            return Yaml.documents(out);
        } catch (IOException e) {
            throw new IllegalStateException("kubectl is needed to render the manifests (Debian: apt-get install "
                    + "kubernetes-client)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
