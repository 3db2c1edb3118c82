package io.leadflow.leadquery;

import io.leadflow.events.LeadView;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a share link that masks contacts shows phones and emails: {@code +92300*****67}, {@code a***@example.com},
 * in the contact fields and wherever the text people wrote holds one. One rule for the API, the live stream and both
 * export formats.
 */
public final class ContactMask {

    /** The digits a masked phone keeps at its end. */
    private static final int LAST_DIGITS = 2;
    /** The most digits a masked phone keeps at its start: the country and network code of a long number. */
    private static final int FIRST_DIGITS = 5;
    /** Fewer digits than this in a run of text are not a phone number (a quantity, a price, a year). */
    private static final int PHONE_DIGITS = 7;
    private static final Pattern EMAIL = Pattern.compile(
            "[\\p{L}\\p{N}][\\p{L}\\p{N}._%+'-]*@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ().-]{5,}\\d");

    private ContactMask() {
    }

    /** The lead with its phone, email and message masked. */
    public static LeadView lead(LeadView lead) {
        return new LeadView(lead.id(), lead.userName(), email(lead.userEmail()), phone(lead.userPhone()), lead.channel(),
                text(lead.message()), lead.intent(), lead.urgency(), lead.score(), lead.quality(), lead.status(),
                lead.messageCount(), lead.createdAt(), lead.lastMessageAt(), lead.exported());
    }

    /**
     * A phone with all but its first (up to five) and last two digits starred; what is not a digit stays, so a
     * number written with spaces keeps them. Seven digits or fewer keep only the last two.
     */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        int digits = (int) phone.chars().filter(Character::isDigit).count();
        int first = Math.max(0, Math.min(FIRST_DIGITS, digits - PHONE_DIGITS));
        StringBuilder masked = new StringBuilder(phone.length());
        int seen = 0;
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (Character.isDigit(c)) {
                seen++;
                masked.append(seen <= first || seen > digits - LAST_DIGITS ? c : '*');
            } else {
                masked.append(c);
            }
        }
        return masked.toString();
    }

    /** An email with its local part cut to the first character: {@code a***@example.com}. */
    public static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.substring(0, email.offsetByCodePoints(0, 1)) + "***" + email.substring(at);
    }

    /** Text with each email and each phone-like run of at least seven digits in it masked. */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String withoutEmails = replace(EMAIL.matcher(text), ContactMask::email);
        return replace(PHONE.matcher(withoutEmails), run ->
                run.chars().filter(Character::isDigit).count() >= PHONE_DIGITS ? phone(run) : run);
    }

    private static String replace(Matcher matcher, java.util.function.UnaryOperator<String> replacement) {
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(matcher.group())));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
