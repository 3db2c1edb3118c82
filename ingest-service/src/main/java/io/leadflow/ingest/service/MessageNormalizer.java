package io.leadflow.ingest.service;

import io.leadflow.events.LeadMessage;
import io.leadflow.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns what a channel read into the event every channel shares (SPEC §4): E.164 phone, validated email, clean
 * name and text, the lead key, and the message id that makes a redelivery the same message.
 */
@ApplicationScoped
public class MessageNormalizer {

    private static final int MAX_SUBJECT_LENGTH = 500;

    private final ContactNormalizer contacts;

    public MessageNormalizer(ContactNormalizer contacts) {
        this.contacts = contacts;
    }

    /**
     * The normalized message. {@code index} is its place in the request, so messages without ids of their own
     * that share one {@code Idempotency-Key} stay distinct.
     *
     * @throws ProblemException 400 when nothing says who wrote (no usable phone, email or platform user id), 413 when
     *                           a field is beyond {@link InboundLimits}
     */
    public LeadMessage normalize(Inbound received, RequestInfo request, int index) {
        Inbound inbound = InboundLimits.apply(received);
        Map<String, Object> metadata = new LinkedHashMap<>(inbound.metadata());
        String phone = null;
        if (present(inbound.phone())) {
            phone = contacts.phone(inbound.phone(), inbound.phoneRegion()).orElse(null);
            if (phone == null) {
                metadata.put("raw_phone", inbound.phone());
            }
        }
        String email = null;
        if (present(inbound.email())) {
            email = contacts.email(inbound.email()).orElse(null);
            if (email == null) {
                metadata.put("raw_email", inbound.email());
            }
        }
        String platformUserId = present(inbound.platformUserId()) ? inbound.platformUserId().strip() : null;
        if (phone == null && email == null && platformUserId == null) {
            throw present(inbound.phone())
                    ? ProblemException.invalidField("phone", "phone is not a valid phone number and no email was given")
                    : ProblemException.invalidField("phone", "phone or email is required to know who wrote");
        }

        String rawText = inbound.text() == null ? "" : inbound.text();
        String text = contacts.text(rawText);
        String original = inbound.originalText() == null ? rawText : inbound.originalText();
        String keptOriginal = contacts.original(original);
        if (keptOriginal.length() < original.length()) {
            metadata.put("original_truncated_from", original.length());
        }
        String leadKey = LeadMessage.leadKeyOf(phone, email, inbound.channel(), platformUserId);
        return new LeadMessage(messageId(inbound, request, leadKey, text, index), leadKey, inbound.channel(),
                request.receivedAt(), present(inbound.externalId()) ? inbound.externalId().strip() : null,
                contacts.name(inbound.senderName()), phone, email, platformUserId, text, keptOriginal,
                contacts.line(inbound.subject(), MAX_SUBJECT_LENGTH), inbound.attachments(), request.rawPayloadRef(),
                new LeadMessage.ClientInfo(request.clientIp(), InboundLimits.userAgent(request.userAgent())), metadata);
    }

    private static String messageId(Inbound inbound, RequestInfo request, String leadKey, String text, int index) {
        if (present(inbound.externalId())) {
            return MessageIds.platformId(inbound.externalId());
        }
        if (present(inbound.submissionId())) {
            return MessageIds.submissionId(inbound.channel(), inbound.submissionId(), leadKey);
        }
        if (present(request.idempotencyKey())) {
            String key = index == 0 ? request.idempotencyKey() : request.idempotencyKey().strip() + "#" + index;
            return MessageIds.clientKey(inbound.channel(), key);
        }
        return MessageIds.contentHash(inbound.channel(), leadKey, text, request.receivedAt());
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
