-- The dashboard's main filter is the grade, shown by score or by latest activity; a salesperson's work
-- list is a status by latest activity. V1 serves every filter sorted by created_at and every sort alone.
CREATE INDEX leads_quality_score_idx         ON leads (quality, score DESC, id DESC);
CREATE INDEX leads_quality_last_message_idx  ON leads (quality, last_message_at DESC, id DESC);
CREATE INDEX leads_status_last_message_idx   ON leads (status, last_message_at DESC, id DESC);
