package io.leadflow.ingest.service;

import io.leadflow.events.Channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Message ids, the idempotency keys: the platform's own id when it has one, else the client's
 * {@code Idempotency-Key}, else a hash of what was said by whom within a 10-minute window.
 */
public final class MessageIds {

    /** The same text from the same sender within this window is the same message delivered again. */
    public static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(10);

    private MessageIds() {
    }

    /**
     * A key derived from channel, sender, text and the 10-minute bucket of the receive time: a retry of the
     * same webhook maps to the same key, a customer who writes "yes" again tomorrow does not.
     */
    public static String contentHash(Channel channel, String sender, String text, Instant receivedAt) {
        long bucket = receivedAt.getEpochSecond() / DUPLICATE_WINDOW.toSeconds();
        return "h-" + sha256Hex(channel.label() + '\n' + sender + '\n' + text + '\n' + bucket).substring(0, 40);
    }

    /** Platform ids longer than this are hashed, so a message id stays a reasonable key. */
    static final int MAX_PLATFORM_ID_LENGTH = 200;

    /**
     * The platform's own id for the message (WhatsApp {@code wamid…}, Instagram {@code mid}, Twilio
     * {@code MessageSid}, an email's {@code Message-ID}): globally unique, so it is the message id as it is.
     */
    public static String platformId(String externalId) {
        String id = externalId.strip();
        return id.length() <= MAX_PLATFORM_ID_LENGTH ? id : "p-" + sha256Hex(id).substring(0, 40);
    }

    /**
     * A client's id for a submission (a website form's {@code submission_id}), together with who sent it: a form
     * plugin that numbers its entries 1, 2, 3 again after a reinstall does not make a new person's lead a duplicate.
     */
    public static String submissionId(Channel channel, String submissionId, String leadKey) {
        return "s-" + sha256Hex(channel.label() + '\n' + submissionId.strip() + '\n' + leadKey).substring(0, 40);
    }

    /** A key given by the client in an {@code Idempotency-Key} header. */
    public static String clientKey(Channel channel, String idempotencyKey) {
        return "k-" + sha256Hex(channel.label() + '\n' + idempotencyKey.strip()).substring(0, 40);
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
