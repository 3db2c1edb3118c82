package io.leadflow.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Which Service an Ingress sends a request path to, by the Kubernetes rules: an Exact match, else the longest Prefix. */
final class IngressRoutes {

    private static final Pattern PATH = Pattern.compile("@Path\\(\"([^\"]+)\"\\)");
    private static final Pattern HTTP_METHOD = Pattern.compile("@(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\\b");

    private IngressRoutes() {
    }

    static Optional<String> serviceFor(Map<String, Object> ingress, String requestPath) {
        record Route(String path, boolean exact, String service) {
        }
        List<Route> routes = Yaml.list(ingress, "spec", "rules").stream()
                .flatMap(rule -> Yaml.list(rule, "http", "paths").stream())
                .map(path -> new Route(Yaml.text(path, "path"), "Exact".equals(Yaml.text(path, "pathType")),
                        Yaml.text(path, "backend", "service", "name")))
                .toList();
        return routes.stream().filter(route -> route.exact() && route.path().equals(requestPath)).findFirst()
                .or(() -> routes.stream().filter(route -> !route.exact() && prefixOf(route.path(), requestPath))
                        .max(Comparator.comparingInt(route -> route.path().length())))
                .map(Route::service);
    }

    /** Prefix matching is by whole path elements: /api/webhook matches /api/webhook/email, not /api/webhooks. */
    private static boolean prefixOf(String prefix, String path) {
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return trimmed.isEmpty() || path.equals(trimmed) || path.startsWith(trimmed + "/");
    }

    /** The request paths a service's REST resources answer (class and method {@code @Path}s joined, the class's own where a method has no {@code @Path}; templates left out). */
    static Set<String> resourcePaths(String service) {
        Set<String> paths = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Repository.module(service).resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith("Resource.java")).toList()) {
                String source = Repository.read(file);
                Matcher matcher = PATH.matcher(source);
                String root = matcher.find() ? matcher.group(1) : "";
                int methodPaths = 0;
                while (matcher.find()) {
                    methodPaths++;
                    if (!matcher.group(1).contains("{")) {
                        paths.add(root + matcher.group(1));
                    }
                }
                if (HTTP_METHOD.matcher(source).results().count() > methodPaths) {
                    paths.add(root);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return paths;
    }
}
