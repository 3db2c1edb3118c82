package io.leadflow.scoring;

import io.leadflow.scoring.model.Contact;
import io.leadflow.scoring.model.Signal;

/**
 * A stored lead as rescoring reads it: who it is, and its own row as a signal (its latest message's time, channel and
 * text, its intent and urgency as last scored).
 *
 * @param asRecorded what a lead with no analysed message in the database (imported as a row) is scored from
 */
public record RecordedLead(long id, Contact contact, Signal asRecorded) {
}
