package io.leadflow.analysis.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Gemini's {@code models.generateContent}. */
@Path("/v1beta/models")
public interface GeminiApi {

    @POST
    @Path("/{model}:generateContent")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<String> generateContent(@PathParam("model") String model, @HeaderParam("x-goog-api-key") String apiKey,
                                Request request);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ProviderHttpException.of(response);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Request(Content systemInstruction, List<Content> contents, GenerationConfig generationConfig) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Content(String role, List<Part> parts) {
    }

    record Part(String text) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GenerationConfig(Double temperature, Integer maxOutputTokens, String responseMimeType,
                            JsonNode responseSchema) {
    }
}
