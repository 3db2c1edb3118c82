package io.leadflow.ingest.service.channel;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The part of an email body the customer wrote this time: the quoted earlier messages a reply carries and the
 * signature are cut off (the original body stays on the event).
 */
public final class EmailBodies {

    /**
     * "On Mon, 3 Jun 2024 at 10:02, Sales <sales@shop.example> wrote:" and its translations ("Am 03.06.2024 um 10:02
     * schrieb Sales <…>:", "Le lun. 3 juin 2024 à 10:02, Sales <…> a écrit :").
     */
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "(?i)^\\s*(on|am|le|el|il|op|em|den|w dniu)\\s.{0,300}\\b(wrote|schrieb|a écrit|escribió|ha scritto|scritto|"
                    + "schreef|escreveu|skrev|napisał).{0,300}:\\s*$");
    private static final Pattern SEPARATOR = Pattern.compile(
            "(?i)^\\s*(-{2,}\\s*(original message|forwarded message|mensaje original|message d'origine|"
                    + "ursprüngliche nachricht|messaggio originale)\\s*-{2,}|_{20,}|-{20,})\\s*$");
    private static final Pattern OUTLOOK_FROM = Pattern.compile("(?i)^\\s*\\*?(from|von|de|da)\\s*:\\*?\\s.+");
    private static final Pattern OUTLOOK_SENT = Pattern.compile("(?i)^\\s*\\*?(sent|date|gesendet|envoyé|enviado|inviato)\\s*:\\*?\\s.+");
    private static final Pattern SIGNATURE = Pattern.compile(
            "(?i)^(--\\s*|—\\s*|sent from my .{1,40}|sent from (mail|outlook) for .{1,40}|get outlook for .{1,40}|"
                    + "enviado desde mi .{1,40}|envoyé de mon .{1,40}|von meinem .{1,40} gesendet)$");

    private EmailBodies() {
    }

    /** The new part of a plain-text body: up to the first quote attribution, quoted line or signature. */
    public static String newPart(String body) {
        if (body == null) {
            return "";
        }
        List<String> lines = body.replace("\r\n", "\n").replace('\r', '\n').lines().toList();
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (startsQuote(lines, i) || SIGNATURE.matcher(line.strip()).matches()) {
                break;
            }
            if (line.startsWith(">")) {
                continue;
            }
            kept.append(line).append('\n');
        }
        return kept.toString().strip();
    }

    private static boolean startsQuote(List<String> lines, int i) {
        String line = lines.get(i);
        if (ATTRIBUTION.matcher(line).matches() || SEPARATOR.matcher(line).matches()) {
            return true;
        }
        // Gmail wraps long attributions: "On Mon, … Sales <sales@" / "shop.example> wrote:".
        if (i + 1 < lines.size() && line.strip().matches("(?i)^on\\s.+") && ATTRIBUTION.matcher(line + " " + lines.get(i + 1)).matches()) {
            return true;
        }
        // Outlook: "From: …" followed within a few lines by "Sent: …" or "Date: …".
        if (OUTLOOK_FROM.matcher(line).matches()) {
            for (int j = i + 1; j < Math.min(lines.size(), i + 4); j++) {
                if (OUTLOOK_SENT.matcher(lines.get(j)).matches()) {
                    return true;
                }
            }
        }
        return false;
    }
}
