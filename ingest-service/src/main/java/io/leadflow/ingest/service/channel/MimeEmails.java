package io.leadflow.ingest.service.channel;

import io.leadflow.events.LeadMessage;
import io.leadflow.http.ProblemException;
import io.leadflow.ingest.service.InboundLimits;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedByteArrayInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads emails with Jakarta Mail (Angus): raw RFC 5322 messages, header blocks and {@code From} values. This is
 * blocking, CPU-bound work: callers run it on a worker thread.
 */
public final class MimeEmails {

    /** Multiparts nested deeper are refused with 413: mail clients nest three or four; a bomb nests hundreds. */
    public static final int MAX_DEPTH = 10;
    /** An email of more parts is refused with 413. */
    public static final int MAX_PARTS = 100;

    private static final Session SESSION = Session.getInstance(mailProperties());

    private MimeEmails() {
    }

    /** A raw RFC 5322 message, MIME parts and all. */
    public static EmailMessage parse(byte[] raw) {
        if (raw == null || raw.length == 0) {
            throw ProblemException.malformedBody("The body is empty; expected an RFC 5322 message.");
        }
        try {
            // Parts share the one array instead of copying their bytes at every level of nesting.
            MimeMessage message = new MimeMessage(SESSION, new SharedByteArrayInputStream(raw));
            Sender sender = sender(message.getHeader("From", ","), "From");
            Bodies bodies = new Bodies();
            bodies.collect(message, 0);
            return new EmailMessage("From", sender.address(), sender.name(), message.getHeader("To", ","),
                    decoded(message.getSubject()), EmailMessage.bareMessageId(message.getMessageID()), bodies.plain,
                    bodies.html, null, headers(Collections.list(message.getAllHeaders())), bodies.attachments);
        } catch (MessagingException | IOException e) {
            throw ProblemException.malformedBody("The email could not be read: " + e.getMessage());
        }
    }

    /** A block of raw headers (SendGrid's {@code headers} field), by lower-case name. */
    public static Map<String, List<String>> headers(String block) {
        if (block == null || block.isBlank()) {
            return Map.of();
        }
        try {
            InternetHeaders headers = new InternetHeaders(
                    new ByteArrayInputStream((block.strip() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8)), true);
            return headers(Collections.list(headers.getAllHeaders()));
        } catch (MessagingException e) {
            throw ProblemException.malformedBody("The email headers could not be read: " + e.getMessage());
        }
    }

    /** Who sent it: the address and the RFC 2047 decoded display name of a {@code From} value. */
    public static Sender sender(String from, String field) {
        if (from == null || from.isBlank()) {
            throw ProblemException.invalidField(field, field + " is required: the sender's address");
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(from, false);
            if (addresses.length == 0 || addresses[0].getAddress() == null || !addresses[0].getAddress().contains("@")) {
                throw ProblemException.invalidField(field, field + " has no email address: " + from);
            }
            String name = addresses[0].getPersonal();
            return new Sender(addresses[0].getAddress(), name == null ? null : decoded(name));
        } catch (AddressException e) {
            throw ProblemException.invalidField(field, field + " is not an email address: " + e.getMessage());
        }
    }

    /** An email sender. */
    public record Sender(String address, String name) {
    }

    /** Decodes RFC 2047 encoded-words ("=?UTF-8?B?…?=") left in a value. */
    static String decoded(String value) {
        if (value == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException e) {
            return value;
        }
    }

    private static Map<String, List<String>> headers(List<Header> all) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : all) {
            headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(header.getValue() == null ? "" : header.getValue().strip());
        }
        return headers;
    }

    /**
     * The first text/plain and text/html bodies of a message, and what is attached to it; walked within
     * {@link #MAX_DEPTH} and {@link #MAX_PARTS}, each checked before the next level is parsed.
     */
    private static final class Bodies {
        private String plain;
        private String html;
        private final List<LeadMessage.Attachment> attachments = new ArrayList<>();
        private int parts;

        void collect(Part part, int depth) throws MessagingException, IOException {
            if (depth > 0 && ++parts > MAX_PARTS) {
                throw InboundLimits.tooLarge(null, "The email has more than " + MAX_PARTS + " MIME parts; at most "
                        + MAX_PARTS + " are taken.");
            }
            String fileName = part.getFileName();
            boolean attached = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || fileName != null;
            if (part.isMimeType("multipart/*")) {
                if (depth >= MAX_DEPTH) {
                    throw InboundLimits.tooLarge(null, "The email nests multiparts more than " + MAX_DEPTH
                            + " levels deep; at most " + MAX_DEPTH + " are taken.");
                }
                if (part.getContent() instanceof Multipart multipart) {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        collect(multipart.getBodyPart(i), depth + 1);
                    }
                }
            } else if (!attached && part.isMimeType("text/plain") && plain == null) {
                plain = text(part);
            } else if (!attached && part.isMimeType("text/html") && html == null) {
                html = text(part);
            } else {
                attachments.add(new LeadMessage.Attachment("file", baseType(part.getContentType()), null, null,
                        fileName == null ? null : decoded(fileName), size(part), null));
            }
        }

        /** The part's text in its charset; a charset Java does not know is read as UTF-8. */
        private static String text(Part part) throws MessagingException, IOException {
            try {
                Object content = part.getContent();
                if (content instanceof String text) {
                    return text;
                }
            } catch (UnsupportedEncodingException e) {
                // An unknown charset name: fall through to the bytes.
            }
            try (InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        private static long size(Part part) throws MessagingException, IOException {
            try (InputStream in = part.getInputStream()) {
                return in.transferTo(OutputStream.nullOutputStream());
            }
        }

        private static String baseType(String contentType) {
            if (contentType == null) {
                return null;
            }
            int semicolon = contentType.indexOf(';');
            return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        }
    }

    private static Properties mailProperties() {
        Properties properties = new Properties();
        // Headers sent as raw UTF-8 (RFC 6532) are read as UTF-8, not as Latin-1.
        properties.setProperty("mail.mime.allowutf8", "true");
        return properties;
    }
}
