package io.leadflow.scoring.service;

/**
 * A lead this batch resolved was merged into another by a concurrent transaction before this one could lock it.
 * Transient: the batch is retried and resolves the identifiers again.
 */
public class LeadMovedException extends RuntimeException {

    public LeadMovedException(String message) {
        super(message);
    }
}
