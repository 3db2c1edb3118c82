package io.leadflow.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Signing in: the first admin, how long a session lasts, how failed logins are slowed down; how long share links last.
 */
@ConfigMapping(prefix = "leadflow.access")
public interface AccessConfig {

    /**
     * The admin created when there is no user at all (LEADFLOW_ADMIN_USERNAME / LEADFLOW_ADMIN_PASSWORD). Without
     * both, nobody can sign in until an admin is added; {@code ./leadflow up} generates the password.
     */
    Optional<String> adminUsername();

    Optional<String> adminPassword();

    /** How long a token (and the dashboard's session cookie) is good for. */
    @WithDefault("8h")
    Duration sessionLength();

    /** Failed sign-ins a user name may have within {@link #failureWindow()} before it must wait. */
    @WithDefault("5")
    int maxFailuresPerUser();

    /** Failed sign-ins one address may have within the window (more: an office shares one address). */
    @WithDefault("20")
    int maxFailuresPerAddress();

    @WithDefault("15m")
    Duration failureWindow();

    /** How long a share link stays open when its creator does not say. */
    @WithDefault("72h")
    Duration shareLength();

    /** The longest a share link may stay open. */
    @WithDefault("30d")
    Duration maxShareLength();
}
