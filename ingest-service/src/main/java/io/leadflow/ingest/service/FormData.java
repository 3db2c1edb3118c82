package io.leadflow.ingest.service;

import io.leadflow.http.ProblemException;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a form post, read from the raw body ({@code application/x-www-form-urlencoded} or
 * {@code multipart/form-data}): values are kept as bytes and decoded strictly when read, so a value that is not
 * what its charset says is a 400 naming the field rather than text with replacement characters. Files are kept as
 * metadata only.
 */
public final class FormData {

    /** More fields (or files) in one post are refused with 413: no platform posts that many, and each costs memory. */
    public static final int MAX_FIELDS = 1000;

    private final Map<String, List<byte[]>> values;
    private final Map<String, Charset> charsets;
    private final List<FilePart> files;

    private FormData(Map<String, List<byte[]>> values, Map<String, Charset> charsets, List<FilePart> files) {
        this.values = values;
        this.charsets = charsets;
        this.files = List.copyOf(files);
    }

    /** A file in a multipart post: what it is, never its bytes. */
    public record FilePart(String field, String fileName, String contentType, long size) {
    }

    /**
     * Reads a form of either kind, by its content type. Values are decoded when read, in their part's charset or
     * UTF-8 (see {@link #withCharsets}).
     */
    public static FormData parse(byte[] body, String contentType) {
        requireBody(body);
        if (MediaTypes.is(contentType, "application/x-www-form-urlencoded")) {
            return urlEncoded(body);
        }
        if (MediaTypes.is(contentType, "multipart/form-data")) {
            return multipart(body, contentType);
        }
        throw MediaTypes.unsupported(contentType, "application/x-www-form-urlencoded or multipart/form-data");
    }

    public static FormData urlEncoded(byte[] body) {
        requireBody(body);
        Map<String, List<byte[]>> values = new LinkedHashMap<>();
        int fields = 0;
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '&') {
                if (i > start) {
                    int equals = indexOf(body, (byte) '=', start, i);
                    byte[] name = percentDecode(body, start, equals < 0 ? i : equals);
                    byte[] value = equals < 0 ? new byte[0] : percentDecode(body, equals + 1, i);
                    String fieldName = decode(name, StandardCharsets.UTF_8, "a field name");
                    values.computeIfAbsent(fieldName, n -> new ArrayList<>()).add(value);
                    requireWithinFieldLimit(++fields);
                }
                start = i + 1;
            }
        }
        return new FormData(values, Map.of(), List.of());
    }

    private static FormData multipart(byte[] body, String contentType) {
        Map<String, List<byte[]>> values = new LinkedHashMap<>();
        List<FilePart> files = new ArrayList<>();
        Map<String, Charset> charsets = new LinkedHashMap<>();
        try {
            MimeMultipart multipart = new MimeMultipart(MimeSources.shared(body, contentType));
            requireWithinFieldLimit(multipart.getCount());
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                String[] disposition = part.getHeader("Content-Disposition");
                if (disposition == null || disposition.length == 0) {
                    throw ProblemException.malformedBody("Part " + (i + 1) + " of the multipart body has no Content-Disposition");
                }
                ContentDisposition cd = new ContentDisposition(disposition[0]);
                String name = utf8IfPossible(cd.getParameter("name"));
                if (name == null) {
                    throw ProblemException.malformedBody("Part " + (i + 1) + " of the multipart body has no field name");
                }
                String fileName = utf8IfPossible(cd.getParameter("filename"));
                byte[] content = part.getInputStream().readAllBytes();
                if (fileName != null) {
                    files.add(new FilePart(name, fileName, part.getContentType(), content.length));
                } else {
                    values.computeIfAbsent(name, n -> new ArrayList<>()).add(content);
                    partCharset(part.getContentType()).ifPresent(charset -> charsets.put(name, charset));
                }
            }
        } catch (MessagingException | IOException e) {
            throw ProblemException.malformedBody("The multipart body could not be read: " + e.getMessage());
        }
        return new FormData(values, charsets, files);
    }

    /** The same form with fields decoded in the charsets the poster declared elsewhere (SendGrid's {@code charsets}). */
    public FormData withCharsets(Map<String, Charset> declared) {
        Map<String, Charset> merged = new LinkedHashMap<>(charsets);
        merged.putAll(declared);
        return new FormData(values, merged, files);
    }

    /** The first value of a field, decoded in its charset (UTF-8 unless the post said otherwise); empty when absent. */
    public Optional<String> first(String name) {
        List<byte[]> found = values.get(name);
        return found == null || found.isEmpty() ? Optional.empty() : Optional.of(decode(found.get(0), charsetOf(name), name));
    }

    /** The first value of a field as the bytes that were posted. */
    public Optional<byte[]> firstBytes(String name) {
        List<byte[]> found = values.get(name);
        return found == null || found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The first value of the field if present and not blank, else null. */
    public String text(String name) {
        return first(name).filter(value -> !value.isBlank()).orElse(null);
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of()).stream().map(value -> decode(value, charsetOf(name), name)).toList();
    }

    private Charset charsetOf(String name) {
        return charsets.getOrDefault(name, StandardCharsets.UTF_8);
    }

    /** Every field with its values, decoded, in the order they were posted. */
    public Map<String, List<String>> asStrings() {
        Map<String, List<String>> strings = new LinkedHashMap<>();
        values.keySet().forEach(name -> strings.put(name, all(name)));
        return strings;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public List<FilePart> files() {
        return files;
    }

    private static void requireWithinFieldLimit(int fields) {
        if (fields > MAX_FIELDS) {
            throw InboundLimits.tooLarge(null, "The form has more than " + MAX_FIELDS + " fields; at most " + MAX_FIELDS
                    + " are taken.");
        }
    }

    /** An empty post is a 400, not an empty form. */
    private static void requireBody(byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.malformedBody("The body is empty; expected the form's fields.");
        }
    }

    /** Decodes strictly: bytes that are not valid in the charset are a 400 naming the field. */
    public static String decode(byte[] bytes, Charset charset, String field) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(400, "malformed-body", "Malformed request body",
                    field + " is not valid " + charset.name(), field);
        }
    }

    private static Optional<Charset> partCharset(String contentType) {
        try {
            String charset = contentType == null ? null : new ContentType(contentType).getParameter("charset");
            return charset == null ? Optional.empty() : Optional.of(Charset.forName(charset));
        } catch (ParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** MIME headers are read as ISO-8859-1; a field or file name sent as raw UTF-8 is read back as UTF-8. */
    private static String utf8IfPossible(String latin1) {
        if (latin1 == null) {
            return null;
        }
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return latin1;
        }
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] percentDecode(byte[] bytes, int from, int to) {
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '+') {
                decoded.write(' ');
            } else if (b == '%') {
                if (i + 2 >= to) {
                    throw ProblemException.malformedBody("The form body has an incomplete %-escape");
                }
                int high = Character.digit(bytes[i + 1], 16);
                int low = Character.digit(bytes[i + 2], 16);
                if (high < 0 || low < 0) {
                    throw ProblemException.malformedBody("The form body has an invalid %-escape");
                }
                decoded.write(high << 4 | low);
                i += 2;
            } else {
                decoded.write(b);
            }
        }
        return decoded.toByteArray();
    }
}
