package io.leadflow.query.rest;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The dashboard at {@code /}, the same page as the seed's {@code /static/dashboard.html}. */
@ApplicationScoped
public class DashboardRoutes {

    static final String DASHBOARD = "/static/dashboard.html";

    void routes(@Observes Router router) {
        router.route("/").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(context -> context.reroute(DASHBOARD));
    }
}
