package io.leadflow.scoring;

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
     * The sender's own identifiers: the only ones that link a message to a lead, and so the only ones that can
     * merge two leads. They are the message event's sender fields, as ingest fills them per channel:
     * <ul>
     *     <li>WhatsApp (Cloud API and Twilio) and SMS: the number the message came from ({@code from}, Twilio's
     *     {@code From}) and the WhatsApp id, in a notification the platform signed;</li>
     *     <li>Instagram: the sender's id, in a notification Meta signed;</li>
     *     <li>email: the {@code From} address, the one a reply goes to;</li>
     *     <li>website form and the generic webhook: the form's own phone and email fields. The sender typed them,
     *     so nothing vouches for them but the sender, yet they are the contact the sender asks to be reached at and
     *     the seed's contract's identity: they link like the others.</li>
     * </ul>
     * Never the phones and emails the customer wrote in the text ({@link #written}): anyone can write anyone's
     * number, and one form listing several customers would otherwise merge them all and take their later messages.
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
        return new ArrayList<>(identities);
    }

    /**
     * The phones (E.164 only) and emails the customer wrote in the message, as the analyzer found them, other than
     * the sender's own: a hint that the sender may be the person who holds one of them, never a link.
     */
    public static List<Identity> written(LeadAnalyzed event) {
        Set<Identity> written = new LinkedHashSet<>();
        writtenPhones(event).forEach(phone -> written.add(new Identity(PHONE, phone)));
        writtenEmails(event).forEach(email -> written.add(new Identity(EMAIL, email)));
        of(event).forEach(written::remove);
        return new ArrayList<>(written);
    }

    /** Phones the customer wrote in the message, those already in E.164 form. */
    public static List<String> writtenPhones(LeadAnalyzed event) {
        return event.analysis().extracted().phones().stream().filter(p -> p != null && E164.matcher(p.strip()).matches())
                .map(String::strip).toList();
    }

    /** Emails the customer wrote in the message, lower-cased. */
    public static List<String> writtenEmails(LeadAnalyzed event) {
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
