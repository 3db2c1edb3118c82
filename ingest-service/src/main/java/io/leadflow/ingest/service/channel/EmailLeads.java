package io.leadflow.ingest.service.channel;

import io.leadflow.events.Channel;
import io.leadflow.ingest.service.HtmlText;
import io.leadflow.ingest.service.Inbound;
import io.leadflow.ingest.service.ParsedWebhook;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** An inbound email as a lead message: what the sender wrote this time, from whom, about what. */
public final class EmailLeads {

    /** {@code Precedence} values that mark mail no person wrote just now. */
    private static final Set<String> AUTOMATIC_PRECEDENCE = Set.of("auto_reply", "bulk", "junk");

    private EmailLeads() {
    }

    /**
     * The email as a webhook's content: one message, or nothing when it is an automatic reply or bulk mail
     * ({@code Auto-Submitted}, {@code Precedence: auto_reply|bulk|junk}).
     */
    public static ParsedWebhook toWebhook(EmailMessage email, Map<String, Object> platformMetadata) {
        if (isAutomatic(email)) {
            return ParsedWebhook.ignoredEvents(1);
        }
        boolean hasPlain = email.plainBody() != null && !email.plainBody().isBlank();
        String newPart;
        if (email.strippedText() != null && !email.strippedText().isBlank()) {
            newPart = email.strippedText();
        } else {
            newPart = EmailBodies.newPart(hasPlain ? email.plainBody() : HtmlText.toText(email.htmlBody(), true));
        }
        String text = newPart.isBlank() && email.subject() != null ? email.subject() : newPart;
        return ParsedWebhook.of(Inbound.on(Channel.EMAIL)
                .externalId(email.messageId())
                .senderName(email.fromName())
                .email(email.fromAddress())
                .text(text)
                .originalText(hasPlain ? email.plainBody() : email.htmlBody())
                .subject(email.subject())
                .metadata("to", email.to())
                .metadata(platformMetadata)
                .attachments(email.attachments())
                .build());
    }

    static boolean isAutomatic(EmailMessage email) {
        String autoSubmitted = email.header("Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.isBlank() && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return true;
        }
        String precedence = email.header("Precedence");
        return precedence != null && AUTOMATIC_PRECEDENCE.contains(precedence.strip().toLowerCase(Locale.ROOT));
    }
}
