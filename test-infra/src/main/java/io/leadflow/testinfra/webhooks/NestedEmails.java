package io.leadflow.testinfra.webhooks;

import java.nio.charset.StandardCharsets;

/** Raw emails whose multiparts nest as a mail bomb's do, or that hold many parts: for the tests of ingest's MIME limits. */
public final class NestedEmails {

    private NestedEmails() {
    }

    /**
     * An email of {@code levels} multiparts, each the only part of the one before, the innermost holding a short text
     * and an attachment of {@code padding} bytes.
     */
    public static byte[] nested(int levels, int padding) {
        StringBuilder mime = new StringBuilder("From: Mail Bomb <bomb@example.com>\r\nTo: sales@shop.example\r\n"
                + "Subject: nested\r\nMessage-ID: <nested-" + levels + "-" + padding + "@example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n");
        for (int level = 1; level < levels; level++) {
            mime.append("--b").append(level - 1).append("\r\nContent-Type: multipart/mixed; boundary=\"b").append(level)
                    .append("\"\r\n\r\n");
        }
        mime.append("--b").append(levels - 1).append("\r\nContent-Type: text/plain\r\n\r\nPrice of 3 chairs?\r\n")
                .append("--b").append(levels - 1).append("\r\nContent-Type: application/octet-stream\r\n")
                .append("Content-Disposition: attachment; filename=\"pad.bin\"\r\n\r\n")
                .append("x".repeat(padding)).append("\r\n");
        for (int level = levels - 1; level >= 0; level--) {
            mime.append("--b").append(level).append("--\r\n");
        }
        return mime.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** An email of one multipart with {@code parts} text parts. */
    public static byte[] wide(int parts) {
        StringBuilder mime = new StringBuilder("From: Mail Bomb <bomb@example.com>\r\nSubject: wide\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"w\"\r\n\r\n");
        for (int part = 0; part < parts; part++) {
            mime.append("--w\r\nContent-Type: text/plain\r\n\r\npart ").append(part).append("\r\n");
        }
        return mime.append("--w--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }
}
