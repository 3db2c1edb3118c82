package io.leadflow.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a service's own configuration says the cluster must give it, read from its application.properties and its
 * {@code @ConfigMapping} interfaces: the environment keys it cannot start without, its HTTP port, its consumer groups.
 *
 * @param properties  application.properties
 * @param defaulted   the keys' last segments that a {@code @ConfigMapping} of the service gives a {@code @WithDefault}
 * @param mappings    the prefixes of the service's {@code @ConfigMapping}s
 * @param imagePort   the port the container image sets (Dockerfile.jvm's QUARKUS_HTTP_PORT), or null
 */
record ServiceConfig(Properties properties, Set<String> defaulted, Set<String> mappings, Integer imagePort) {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}:]+)(:[^}]*)?}");
    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(prefix = \"([^\"]+)\"\\)");
    private static final Pattern WITH_DEFAULT = Pattern.compile("@WithDefault\\([^)]*\\)\\s+(?:@\\w+(?:\\([^)]*\\))?\\s+)*[\\w<>?, .]+\\s+(\\w+)\\(\\)");
    private static final Pattern IMAGE_PORT = Pattern.compile("(?m)^ENV QUARKUS_HTTP_PORT=(\\d+)");
    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.group\\.id");

    static ServiceConfig of(String service) {
        Path module = Repository.module(service);
        String sources = javaSources(module.resolve("src/main/java"));
        return of(Repository.read(module.resolve("src/main/resources/application.properties")), sources,
                Repository.read(Repository.ROOT.resolve("src/main/docker/Dockerfile.jvm")));
    }

    static ServiceConfig of(String applicationProperties, String javaSources, String dockerfile) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(applicationProperties));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher port = IMAGE_PORT.matcher(dockerfile);
        return new ServiceConfig(properties, captures(WITH_DEFAULT, javaSources).stream().map(ServiceConfig::kebab)
                .collect(Collectors.toSet()), captures(MAPPING, javaSources), port.find() ? Integer.valueOf(port.group(1)) : null);
    }

    /**
     * The environment keys the service needs a value for in production: every {@code ${key}} without a default that
     * the production profile reads, whose key is neither set in the file for production nor defaulted by one of the
     * service's {@code @ConfigMapping}s; as the environment spells it (leadflow.db.url: LEADFLOW_DB_URL).
     */
    Set<String> requiredEnvironment() {
        Set<String> required = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("%") && !key.startsWith("%prod.")) {
                continue;
            }
            Matcher expression = EXPRESSION.matcher(properties.getProperty(key));
            while (expression.find()) {
                String name = expression.group(1);
                if (expression.group(2) == null && !name.startsWith("quarkus.") && value(name) == null && !defaulted(name)) {
                    required.add(environmentName(name));
                }
            }
        }
        return required;
    }

    /** The port the service listens on in its container: the image's QUARKUS_HTTP_PORT, else quarkus.http.port. */
    int httpPort(Map<String, String> containerEnvironment) {
        String fromDeployment = containerEnvironment.get("QUARKUS_HTTP_PORT");
        if (fromDeployment != null) {
            return Integer.parseInt(fromDeployment);
        }
        return imagePort != null ? imagePort : Integer.parseInt(value("quarkus.http.port"));
    }

    /** Each incoming channel with a consumer group that all replicas share (not one per instance), and its topic. */
    Map<String, String> sharedGroupTopics() {
        Map<String, String> groups = new LinkedHashMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            Matcher incoming = INCOMING.matcher(key);
            if (incoming.matches() && !properties.getProperty(key).contains("${")) {
                groups.put(properties.getProperty(key), value("mp.messaging.incoming." + incoming.group(1) + ".topic"));
            }
        }
        return groups;
    }

    /**
     * Where the service serves /q/metrics in its container: with the management interface on in production, its
     * port (QUARKUS_MANAGEMENT_PORT, else quarkus.management.port, else Quarkus's 9000); otherwise the HTTP port.
     */
    int metricsPort(Map<String, String> containerEnvironment) {
        if (!"true".equals(value("quarkus.management.enabled"))) {
            return httpPort(containerEnvironment);
        }
        String port = containerEnvironment.getOrDefault("QUARKUS_MANAGEMENT_PORT", value("quarkus.management.port"));
        return port != null ? Integer.parseInt(port) : 9000;
    }

    String value(String key) {
        String production = properties.getProperty("%prod." + key);
        return production != null ? production : properties.getProperty(key);
    }

    private boolean defaulted(String key) {
        String lastSegment = key.substring(key.lastIndexOf('.') + 1);
        return defaulted.contains(lastSegment) && mappings.stream().anyMatch(prefix -> key.startsWith(prefix + "."));
    }

    /** MicroProfile Config's environment name of a key. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    private static String kebab(String method) {
        return method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static Set<String> captures(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String javaSources(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> java = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
            return java.stream().map(Repository::read).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
