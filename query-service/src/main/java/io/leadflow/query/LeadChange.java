package io.leadflow.query;

import io.leadflow.events.LeadStatus;
import io.leadflow.http.ProblemException;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code PATCH /api/leads/{id}} asks: a new status, a note, or both. A note is kept in the lead's history;
 * the latest one is also the lead's {@code notes}.
 *
 * @param status the new status (new, contacted, qualified, won, lost), or null to keep it
 * @param note   a note, or null
 */
public record LeadChange(String status, String note) {

    /** The longest note accepted. */
    public static final int MAX_NOTE_LENGTH = 2000;

    /**
     * The change, checked.
     *
     * @throws ProblemException a 400 naming the field at fault
     */
    public Valid validated() {
        LeadStatus newStatus = null;
        if (status != null) {
            newStatus = LeadStatus.fromLabel(status).orElseThrow(() -> ProblemException.invalidField("status",
                    "unknown status '" + status.strip() + "', expected one of "
                            + Arrays.stream(LeadStatus.values()).map(LeadStatus::label).collect(Collectors.joining(", "))));
        }
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        if (cleanNote != null && cleanNote.length() > MAX_NOTE_LENGTH) {
            throw ProblemException.invalidField("note", "note must be at most " + MAX_NOTE_LENGTH + " characters");
        }
        if (newStatus == null && cleanNote == null) {
            throw ProblemException.invalidField("status", "give a status, a note, or both");
        }
        return new Valid(newStatus, cleanNote);
    }

    /** A checked change: {@code status} null keeps the status, {@code note} null adds no note. */
    public record Valid(LeadStatus status, String note) {

        /** What the audit log keeps of the change: the new status, and whether a note was added (not its text). */
        public Map<String, Object> audited() {
            Map<String, Object> details = new LinkedHashMap<>();
            if (status != null) {
                details.put("status", status.label());
            }
            details.put("note", note != null);
            return details;
        }
    }
}
