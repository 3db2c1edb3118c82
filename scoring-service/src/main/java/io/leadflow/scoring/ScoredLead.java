package io.leadflow.scoring;

import io.leadflow.events.LeadView;
import io.leadflow.events.ScoreBreakdown;

/** A lead as it is stored after scoring: as the API shows it, and why it has its score. */
public record ScoredLead(LeadView lead, ScoreBreakdown breakdown) {
}
