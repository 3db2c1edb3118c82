package io.leadflow.infra;

import io.leadflow.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Creates every Leadflow topic with {@link Topics#PARTITIONS} partitions. Usage: CreateTopics BOOTSTRAP_SERVERS */
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
                if (existing.contains(topic)) {
                    continue;
                }
                try {
                    admin.createTopics(Set.of(new NewTopic(topic, Topics.PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
                    System.out.println("Created topic " + topic + " with " + Topics.PARTITIONS + " partitions");
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }
}
