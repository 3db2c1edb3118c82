package io.leadflow.query.rest;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The dashboard at {@code /}, the same page as the seed's {@code /static/dashboard.html}; and at {@code /s/{token}},
 * where the page sees from its own address that it shows a share link, read-only and without signing in.
 */
@ApplicationScoped
public class DashboardRoutes {

    static final String DASHBOARD = "/static/dashboard.html";

    void routes(@Observes Router router) {
        for (String page : new String[]{"/", "/s/:token"}) {
            router.route(page).method(HttpMethod.GET).method(HttpMethod.HEAD)
                    .handler(context -> context.reroute(DASHBOARD));
        }
    }
}
