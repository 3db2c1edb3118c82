package io.leadflow.ingest.rest;

import io.leadflow.ingest.service.ParsedWebhook;
import io.leadflow.ingest.service.signature.WebhookSecrets;
import io.leadflow.ingest.service.signature.WebhookSecrets.Secret;
import io.leadflow.ingest.service.channel.InstagramNotifications;
import jakarta.ws.rs.Path;

/** The Instagram Messaging webhook, {@code GET} and {@code POST /api/webhook/instagram}. */
@Path("/api/webhook/instagram")
public class InstagramWebhookResource extends MetaWebhooks {

    private final InstagramNotifications notifications;

    public InstagramWebhookResource(WebhookSecrets secrets, InstagramNotifications notifications, WebhookResponder responder) {
        super(Secret.INSTAGRAM_APP_SECRET, Secret.INSTAGRAM_VERIFY_TOKEN, secrets, responder);
        this.notifications = notifications;
    }

    @Override
    ParsedWebhook parse(byte[] body) {
        return notifications.parse(body);
    }
}
