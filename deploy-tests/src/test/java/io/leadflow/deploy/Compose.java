package io.leadflow.deploy;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** docker-compose.yml, the container issue's contract: each service's image (with the defaults) and environment keys. */
final class Compose {

    private static final Pattern VARIABLE_WITH_DEFAULT = Pattern.compile("\\$\\{[A-Z_]+:-([^}]*)}");
    private static final Map<String, Object> FILE = Yaml.documents(Repository.read(Repository.ROOT.resolve("docker-compose.yml"))).get(0);

    private Compose() {
    }

    /** The image a service runs when .env sets no image names: leadflow/ingest-service:0.1.0-SNAPSHOT. */
    static String image(String service) {
        return VARIABLE_WITH_DEFAULT.matcher(Yaml.text(FILE, "services", service, "image")).replaceAll("$1");
    }

    /** Every environment key docker-compose.yml gives a service. */
    static Set<String> environmentKeys(String service) {
        return new TreeSet<>(Yaml.map(FILE, "services", service, "environment").keySet());
    }
}
