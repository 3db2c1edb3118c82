package io.leadflow.analysis.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** OpenAI's chat completions, as Mistral and the OpenAI-compatible servers (vLLM, llama.cpp, LM Studio) speak it. */
@Path("/v1/chat/completions")
public interface ChatCompletionsApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<String> complete(@HeaderParam("Authorization") String authorization, Request request);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ProviderHttpException.of(response);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Request(String model, List<Message> messages, Double temperature,
                   @JsonProperty("max_tokens") Integer maxTokens,
                   @JsonProperty("response_format") ResponseFormat responseFormat) {
    }

    record Message(String role, String content) {
    }

    /** {@code {"type":"json_schema","json_schema":{"name","schema","strict"}}}. */
    record ResponseFormat(String type, @JsonProperty("json_schema") JsonSchema jsonSchema) {
    }

    record JsonSchema(String name, JsonNode schema, boolean strict) {
    }
}
