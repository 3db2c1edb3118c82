package io.leadflow.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.events.EventJson;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Posts realistic customer messages (several channels, languages and intents) to ingest, so a newcomer
 * sees a populated dashboard. Usage: Demo INGEST_BASE_URL
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: Demo INGEST_BASE_URL");
            System.exit(2);
        }
        JsonNode messages;
        try (InputStream in = Demo.class.getResourceAsStream("/demo/messages.json")) {
            messages = EventJson.mapper().readTree(in);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI webhook = URI.create(args[0] + "/api/webhook");
        int accepted = 0;
        for (JsonNode message : messages) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(webhook)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString(message.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 == 2) {
                accepted++;
            } else {
                System.err.printf("  %s from %s: HTTP %d %s%n", message.path("channel").asText(),
                        message.path("sender_name").asText(), answer.statusCode(), answer.body());
            }
        }
        System.out.printf("Posted %d demo messages, %d accepted.%n", messages.size(), accepted);
        if (accepted < messages.size()) {
            System.exit(1);
        }
    }
}
