package io.leadflow.ingest.service;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.leadflow.ingest.config.IngestConfig;
import io.leadflow.ingest.config.PhoneConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Turns what platforms send into the canonical form: E.164 phones, lower-case emails, clean names and text. */
@ApplicationScoped
public class ContactNormalizer {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    private static final Pattern INLINE_BLANKS = Pattern.compile("[\\t\\x0B\\f\\u00A0 ]+");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

    private final String defaultRegion;
    private final int maxTextLength;
    private final int maxOriginalLength;

    public ContactNormalizer(PhoneConfig phones, IngestConfig ingest) {
        this.defaultRegion = phones.defaultRegion().toUpperCase(Locale.ROOT);
        this.maxTextLength = ingest.maxTextLength();
        this.maxOriginalLength = ingest.maxOriginalLength();
    }

    /**
     * The phone in E.164, or empty when it is not a possible number. {@code region} is the payload's own
     * country hint; without one the configured default region is assumed.
     */
    public Optional<String> phone(String raw, String region) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String candidate = raw.strip().replaceFirst("^(?i)(whatsapp|tel|sms):", "");
        try {
            PhoneNumber number = PHONES.parse(candidate, regionOrDefault(region));
            if (!PHONES.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** A payload's country hint when it is a region libphonenumber knows, else the configured default. */
    private String regionOrDefault(String region) {
        if (region == null || region.isBlank()) {
            return defaultRegion;
        }
        String wanted = region.strip().toUpperCase(Locale.ROOT);
        return PHONES.getSupportedRegions().contains(wanted) ? wanted : defaultRegion;
    }

    /** The email, trimmed and lower-cased, or empty when it is not an address. */
    public Optional<String> email(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String candidate = raw.strip();
        return candidate.length() <= 254 && EMAIL.matcher(candidate).matches()
                ? Optional.of(candidate.toLowerCase(Locale.ROOT))
                : Optional.empty();
    }

    /** The name with surrounding and repeated blanks removed; null when nothing is left. */
    public String name(String raw) {
        return line(raw, 200);
    }

    /** One line (a subject): blanks collapsed, cut at {@code max} characters; null when nothing is left. */
    public String line(String raw, int max) {
        if (raw == null) {
            return null;
        }
        String line = INLINE_BLANKS.matcher(raw.replaceAll("\\s+", " ")).replaceAll(" ").strip();
        return line.isEmpty() ? null : InboundLimits.cut(line, max);
    }

    /**
     * The original text as kept on the event: as sent, only cut at the configured length, and where it would take
     * more than {@link InboundLimits#MAX_ORIGINAL_BYTES} of the event.
     */
    public String original(String raw) {
        return InboundLimits.cutToJsonBytes(InboundLimits.cut(raw, maxOriginalLength), InboundLimits.MAX_ORIGINAL_BYTES);
    }

    /**
     * The text as analysis reads it: line endings unified, blanks inside lines collapsed, at most one empty
     * line in a row, cut at the configured length. Newlines are kept: they are part of the message.
     */
    public String text(String raw) {
        if (raw == null) {
            return "";
        }
        String unified = raw.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder cleaned = new StringBuilder(unified.length());
        for (String line : unified.split("\n", -1)) {
            cleaned.append(INLINE_BLANKS.matcher(line).replaceAll(" ").strip()).append('\n');
        }
        String text = BLANK_LINES.matcher(cleaned.toString().strip()).replaceAll("\n\n");
        return InboundLimits.cut(text, maxTextLength);
    }
}
