package io.leadflow.ingest.rest;

import io.leadflow.ingest.config.InstagramConfig;
import io.leadflow.ingest.service.ParsedWebhook;
import io.leadflow.ingest.service.channel.InstagramNotifications;
import jakarta.ws.rs.Path;

/** The Instagram Messaging webhook, {@code GET} and {@code POST /api/webhook/instagram}. */
@Path("/api/webhook/instagram")
public class InstagramWebhookResource extends MetaWebhooks {

    private final InstagramNotifications notifications;

    public InstagramWebhookResource(InstagramConfig config, InstagramNotifications notifications, WebhookResponder responder) {
        super(config, responder);
        this.notifications = notifications;
    }

    @Override
    ParsedWebhook parse(byte[] body) {
        return notifications.parse(body);
    }
}
