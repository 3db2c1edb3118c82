package io.leadflow.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The website contact form webhook, {@code /api/webhook/website}. */
@ConfigMapping(prefix = "leadflow.website")
public interface WebsiteConfig {

    /**
     * The origins ({@code https://www.example.com}) whose pages may post the form from a browser: they get CORS
     * headers, any other {@code Origin} is refused. Without it every origin is allowed (development only).
     */
    Optional<List<String>> allowedOrigins();

    RateLimit rateLimit();

    /** How many submissions one client (an IPv4 address, an IPv6 /64) may post. */
    interface RateLimit {
        /** Submissions per period and client; more get 429 with Retry-After. */
        @WithDefault("10")
        int requests();

        /** The period the limit counts over. */
        @WithDefault("1m")
        Duration period();

        /** The most clients (addresses, IPv6 /64 networks) counted at once; the least active are forgotten first. */
        @WithDefault("100000")
        long maxClients();
    }
}
