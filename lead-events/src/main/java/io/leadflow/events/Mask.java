package io.leadflow.events;

/**
 * The one place that decides how personal data looks in logs: never a full phone, email or message body
 * at INFO level (SPEC §9).
 */
public final class Mask {

    private Mask() {
    }

    /** "+923001234567" becomes "+92*******567". */
    public static String phone(String phone) {
        if (phone == null || phone.length() < 6) {
            return phone == null ? null : "***";
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 6) + phone.substring(phone.length() - 3);
    }

    /** "ahmed@example.com" becomes "a***@example.com". */
    public static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }

    /** A lead key is a phone, an email or a platform id: masked as what it is. */
    public static String leadKey(String leadKey) {
        if (leadKey == null) {
            return null;
        }
        if (leadKey.startsWith("+")) {
            return phone(leadKey);
        }
        if (leadKey.contains("@")) {
            return email(leadKey);
        }
        int colon = leadKey.indexOf(':');
        return colon < 0 ? "***" : leadKey.substring(0, colon + 1) + "***";
    }

    /** A message body is never logged, only its size. */
    public static String text(String text) {
        return text == null ? null : "[" + text.length() + " chars]";
    }
}
