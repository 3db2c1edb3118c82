package io.leadflow.infra;

import io.leadflow.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates every Leadflow topic as {@link Topics#definition} says; a topic that exists (a local stack's data from before)
 * gets the definition's topic configuration set. Usage: CreateTopics BOOTSTRAP_SERVERS
 */
public final class CreateTopics {

    private CreateTopics() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: CreateTopics BOOTSTRAP_SERVERS");
            System.exit(2);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (String topic : Topics.ALL) {
                NewTopic definition = Topics.definition(topic);
                if (existing.contains(topic)) {
                    configure(admin, definition);
                    continue;
                }
                try {
                    admin.createTopics(Set.of(definition)).all().get(30, TimeUnit.SECONDS);
                    System.out.println("Created topic " + topic + " with " + Topics.PARTITIONS + " partitions");
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    private static void configure(Admin admin, NewTopic definition) throws Exception {
        List<AlterConfigOp> settings = definition.configs().entrySet().stream()
                .map(entry -> new AlterConfigOp(new ConfigEntry(entry.getKey(), entry.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, definition.name()), settings))
                .all().get(30, TimeUnit.SECONDS);
    }
}
