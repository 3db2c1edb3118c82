package io.leadflow.ingest.service.channel;

import io.leadflow.events.Channel;
import io.leadflow.events.LeadMessage;
import io.leadflow.http.ProblemException;
import io.leadflow.ingest.service.FormData;
import io.leadflow.ingest.service.Inbound;
import io.leadflow.ingest.service.ParsedWebhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Twilio's incoming-message webhook for WhatsApp and SMS (form fields {@code MessageSid}, {@code From},
 * {@code Body}, {@code ProfileName}, {@code NumMedia}, {@code MediaUrl0} …). A {@code From} of
 * {@code whatsapp:+…} is WhatsApp, anything else SMS. Status callbacks are acknowledged and dropped.
 */
public final class TwilioMessages {

    private TwilioMessages() {
    }

    public static ParsedWebhook parse(FormData form) {
        if (isStatusCallback(form)) {
            return ParsedWebhook.ignoredEvents(1);
        }
        String from = form.text("From");
        if (from == null) {
            throw ProblemException.invalidField("From", "From is required: the sender's number");
        }
        boolean whatsapp = from.regionMatches(true, 0, "whatsapp:", 0, "whatsapp:".length());
        Inbound.Builder inbound = Inbound.on(whatsapp ? Channel.WHATSAPP : Channel.SMS)
                .externalId(firstPresent(form, "MessageSid", "SmsMessageSid", "SmsSid"))
                .senderName(form.text("ProfileName"))
                // The country Twilio resolved for the sender's number is its region (SMS).
                .phone(from, form.text("FromCountry"))
                .platformUserId(whatsapp ? form.text("WaId") : null)
                .text(Optional.ofNullable(form.text("Body")).orElse(form.text("ButtonText")))
                .metadata("to", form.text("To"))
                .metadata("account_sid", form.text("AccountSid"))
                .metadata("messaging_service_sid", form.text("MessagingServiceSid"))
                .metadata("button_payload", form.text("ButtonPayload"))
                .metadata("from_city", form.text("FromCity"))
                .metadata("from_state", form.text("FromState"))
                .metadata("from_country", form.text("FromCountry"))
                .metadata("location", location(form));
        int media = parseCount(form.text("NumMedia"));
        for (int i = 0; i < media; i++) {
            inbound.attachment(new LeadMessage.Attachment("media", form.text("MediaContentType" + i), null,
                    form.text("MediaUrl" + i), null, null, null));
        }
        if (!inbound.hasText() && inbound.hasAttachments()) {
            inbound.text("[media]");
        }
        if (!inbound.hasText() && form.text("Latitude") != null) {
            inbound.text(Optional.ofNullable(form.text("Address")).orElse("[location]"));
        }
        return inbound.hasText() ? ParsedWebhook.of(inbound.build()) : ParsedWebhook.ignoredEvents(1);
    }

    /** Delivery reports carry {@code MessageStatus} (sent, delivered, read …); an incoming message is "received". */
    private static boolean isStatusCallback(FormData form) {
        String status = Optional.ofNullable(form.text("MessageStatus")).orElse(form.text("SmsStatus"));
        return status != null && !"received".equalsIgnoreCase(status);
    }

    private static Map<String, String> location(FormData form) {
        if (form.text("Latitude") == null) {
            return null;
        }
        Map<String, String> location = new LinkedHashMap<>();
        location.put("latitude", form.text("Latitude"));
        location.put("longitude", form.text("Longitude"));
        Optional.ofNullable(form.text("Address")).ifPresent(a -> location.put("address", a));
        Optional.ofNullable(form.text("Label")).ifPresent(l -> location.put("label", l));
        return location;
    }

    private static String firstPresent(FormData form, String... names) {
        for (String name : names) {
            String value = form.text(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static int parseCount(String value) {
        try {
            return value == null ? 0 : Math.max(0, Math.min(10, Integer.parseInt(value.strip())));
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("NumMedia", "NumMedia must be a number, got " + value);
        }
    }
}
