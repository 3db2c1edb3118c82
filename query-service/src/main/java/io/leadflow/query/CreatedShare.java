package io.leadflow.query;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** A new share link: its address holds the token, which is shown only this once. */
public record CreatedShare(long id, String url, @JsonProperty("expires_at") Instant expiresAt) {
}
