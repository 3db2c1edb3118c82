package io.leadflow.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A rendered object read into fabric8's typed Kubernetes model, and every field the model did not recognise (a typo,
 * a field at the wrong level): the model keeps such fields aside in additionalProperties rather than failing.
 */
final class TypedModel {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private TypedModel() {
    }

    static HasMetadata parse(Map<String, Object> object) {
        return SERIALIZATION.unmarshal(SERIALIZATION.asJson(object), HasMetadata.class);
    }

    /** Where the typed model found fields it does not know, as paths; empty for a well-formed object. */
    static List<String> unknownFields(HasMetadata typed) {
        List<String> unknown = new ArrayList<>();
        walk(typed, typed.getKind(), unknown);
        return unknown;
    }

    private static void walk(Object node, String path, List<String> unknown) {
        if (node == null || node instanceof GenericKubernetesResource || node.getClass().isPrimitive()
                || node instanceof String || node instanceof Number || node instanceof Boolean || node instanceof Enum<?>) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, unknown));
            return;
        }
        if (!node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object value = getter.invoke(node);
                if (getter.getName().equals("getAdditionalProperties")) {
                    ((Map<?, ?>) value).keySet().forEach(key -> unknown.add(path + "." + key));
                } else {
                    walk(value, path + "." + getter.getName().substring(3), unknown);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
