package io.leadflow.ingest.rest;

import io.leadflow.ingest.service.ParsedWebhook;
import io.leadflow.ingest.service.signature.WebhookSecrets;
import io.leadflow.ingest.service.signature.WebhookSecrets.Secret;
import io.leadflow.ingest.service.channel.WhatsAppNotifications;
import jakarta.ws.rs.Path;

/** The WhatsApp Cloud API webhook, {@code GET} and {@code POST /api/webhook/whatsapp}. */
@Path("/api/webhook/whatsapp")
public class WhatsAppWebhookResource extends MetaWebhooks {

    private final WhatsAppNotifications notifications;

    public WhatsAppWebhookResource(WebhookSecrets secrets, WhatsAppNotifications notifications, WebhookResponder responder) {
        super(Secret.WHATSAPP_APP_SECRET, Secret.WHATSAPP_VERIFY_TOKEN, secrets, responder);
        this.notifications = notifications;
    }

    @Override
    ParsedWebhook parse(byte[] body) {
        return notifications.parse(body);
    }
}
