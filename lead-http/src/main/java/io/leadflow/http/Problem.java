package io.leadflow.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem answer, served as {@code application/problem+json} by every service.
 *
 * @param type   a URI naming the kind of problem
 * @param title  a short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong this time, for a human
 * @param field  the request field or parameter at fault, when there is one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Problem types are relative URIs under this prefix. */
    public static final String TYPE_PREFIX = "https://leadflow.io/problems/";
}
