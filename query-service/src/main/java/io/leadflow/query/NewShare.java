package io.leadflow.query;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * {@code POST /api/shares}: a link to the leads of {@code filters} (the parameters of {@code GET /api/leads}, each a
 * string or a list of strings), open for {@code expires_in_hours}, its phones and emails masked unless
 * {@code mask_contacts} is false, with downloads only when {@code allow_export} is true.
 */
public record NewShare(Map<String, Object> filters,
                       @JsonProperty("expires_in_hours") Integer expiresInHours,
                       @JsonProperty("mask_contacts") Boolean maskContacts,
                       @JsonProperty("allow_export") Boolean allowExport) {
}
