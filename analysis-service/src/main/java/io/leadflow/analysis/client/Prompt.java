package io.leadflow.analysis.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One request to a provider: the rules (system), the customer's text as delimited data (user), and the JSON schema
 * the answer must follow.
 */
public record Prompt(String system, String user, JsonNode schema) {
}
