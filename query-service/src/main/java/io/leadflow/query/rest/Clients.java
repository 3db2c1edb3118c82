package io.leadflow.query.rest;

import io.vertx.core.http.HttpServerRequest;

/** Where a request came from, as the audit log and the login throttle record it. */
final class Clients {

    private Clients() {
    }

    static String address(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
