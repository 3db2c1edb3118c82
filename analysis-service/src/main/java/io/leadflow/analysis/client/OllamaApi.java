package io.leadflow.analysis.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** Ollama's {@code /api/chat}. */
@Path("/api/chat")
public interface OllamaApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<String> chat(Request request);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ProviderHttpException.of(response);
    }

    /** {@code format} is the JSON schema the answer must follow; {@code stream:false} gives one JSON answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Request(String model, List<ChatCompletionsApi.Message> messages, boolean stream, JsonNode format,
                   Map<String, Object> options) {
    }
}
