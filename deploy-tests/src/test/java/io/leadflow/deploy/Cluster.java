package io.leadflow.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/** The objects an overlay renders to, found by kind and name. */
record Cluster(List<Map<String, Object>> objects) {

    List<Map<String, Object>> all(String kind) {
        return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return objects.stream().filter(object -> Yaml.is(object, kind, name)).findFirst();
    }

    Optional<Map<String, Object>> find(String kind, Predicate<Map<String, Object>> which) {
        return all(kind).stream().filter(which).findFirst();
    }

    /** The one container of a Deployment. */
    static Map<String, Object> container(Map<String, Object> deployment) {
        return Yaml.map(deployment, "spec", "template", "spec", "containers", 0);
    }

    /** The Deployment, ScaledObject or HPA that targets a Deployment of this name. */
    static Predicate<Map<String, Object>> targeting(String deployment) {
        return object -> Objects.equals(deployment, Yaml.text(object, "spec", "scaleTargetRef", "name"));
    }
}
