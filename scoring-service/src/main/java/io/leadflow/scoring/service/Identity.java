package io.leadflow.scoring.service;

import io.leadflow.events.LeadAnalyzed;
import io.leadflow.events.LeadMessage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One way to recognise a person, as kept in {@code lead_identity}: an E.164 phone, a lower-cased email, or a
 * platform user id ({@code channel:id}). Messages that share one belong to the same lead.
 *
 * @param kind  phone, email or platform
 * @param value the identifier
 */
public record Identity(String kind, String value) {

    public static final String PHONE = "phone";
    public static final String EMAIL = "email";
    public static final String PLATFORM = "platform";

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{7,14}");
    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");

    /**
     * The identities of a message: its sender's phone, email and platform id, and the phones (E.164 only) and
     * emails the customer wrote in it, so a WhatsApp buyer who later emails from the address they gave in the
     * chat is one lead.
     */
    public static List<Identity> of(LeadAnalyzed event) {
        LeadMessage message = event.message();
        Set<Identity> identities = new LinkedHashSet<>();
        if (present(message.phone())) {
            identities.add(new Identity(PHONE, message.phone().strip()));
        }
        if (present(message.email())) {
            identities.add(new Identity(EMAIL, message.email().strip().toLowerCase(Locale.ROOT)));
        }
        if (present(message.platformUserId())) {
            identities.add(new Identity(PLATFORM, message.channel().label() + ":" + message.platformUserId().strip()));
        }
        writtenPhones(event).forEach(phone -> identities.add(new Identity(PHONE, phone)));
        writtenEmails(event).forEach(email -> identities.add(new Identity(EMAIL, email)));
        return new ArrayList<>(identities);
    }

    /** Phones the customer wrote in the message, those already in E.164 form. */
    static List<String> writtenPhones(LeadAnalyzed event) {
        return event.analysis().extracted().phones().stream().filter(p -> p != null && E164.matcher(p.strip()).matches())
                .map(String::strip).toList();
    }

    /** Emails the customer wrote in the message, lower-cased. */
    static List<String> writtenEmails(LeadAnalyzed event) {
        return event.analysis().extracted().emails().stream()
                .filter(e -> e != null && e.length() <= 254 && EMAIL_ADDRESS.matcher(e.strip()).matches())
                .map(e -> e.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /** The key of the transaction lock that serialises every write about this identity. */
    public String lockKey() {
        return "identity:" + kind + ":" + value;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
