package io.leadflow.scoring.config;

import io.leadflow.scoring.model.ScoringModel.Defaults;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The scoring model: how many points each factor can give, where the grades start, which part of a conversation
 * counts, and how silence cools a lead down. Checked at start (see {@code ScoringModel}): a model that cannot
 * score stops the service with a message that names the key. The model's defaults are written once, in
 * {@link Defaults}; {@code application.properties} repeats none of them.
 */
@ConfigMapping(prefix = "leadflow.scoring")
public interface ScoringConfig {

    Weights weights();

    /** The lowest score that is HOT. */
    @WithDefault("" + Defaults.HOT_THRESHOLD)
    int hotThreshold();

    /** The lowest score that is WARM; below it a lead is COLD. */
    @WithDefault("" + Defaults.WARM_THRESHOLD)
    int warmThreshold();

    Conversation conversation();

    Decay decay();

    Rescore rescore();

    Intake intake();

    /** The most points each of the seven factors can give; together at most 100. */
    interface Weights {
        /** What the customer wants (Buy highest, Spam nothing). */
        @WithDefault("" + Defaults.INTENT)
        int intent();

        /** How soon they need it. */
        @WithDefault("" + Defaults.URGENCY)
        int urgency();

        /** A valid phone and a valid email to reach them by. */
        @WithDefault("" + Defaults.CONTACT_QUALITY)
        int contactQuality();

        /** The channel they wrote from (WhatsApp converts best). */
        @WithDefault("" + Defaults.CHANNEL)
        int channel();

        /** What we know about them and their need: name, product, quantity, budget, location. */
        @WithDefault("" + Defaults.DATA_QUALITY)
        int dataQuality();

        /** How much they wrote. */
        @WithDefault("" + Defaults.MESSAGE_LENGTH)
        int messageLength();

        /** A complete contact: a name with a way to reach them, and both a phone and an email. */
        @WithDefault("" + Defaults.BONUS)
        int bonus();
    }

    /** Which messages of a conversation score. */
    interface Conversation {
        /**
         * How far back from a lead's latest message its messages count: the strongest intent, urgency, channel and
         * message within this window score, so a "thanks!" after "I want to buy 3 today" keeps the lead HOT.
         */
        @WithDefault(Defaults.CONVERSATION_WINDOW_DAYS + "d")
        Duration window();
    }

    /** How silence cools a lead down; shown as the {@code decay} factor of the breakdown. */
    interface Decay {
        /** How long a lead may stay quiet before it starts losing points. */
        @WithDefault(Defaults.DECAY_GRACE_DAYS + "d")
        Duration grace();

        /** Points lost per week of silence after the grace period, counted per whole day. 0 turns decay off. */
        @WithDefault("" + Defaults.DECAY_POINTS_PER_WEEK)
        int pointsPerWeek();

        /** The most points silence can take away. */
        @WithDefault("" + Defaults.DECAY_MAX_POINTS)
        int maxPoints();

        /**
         * How often quiet leads are rescored so their decay shows without a new message ({@code 1h}, {@code 30m};
         * {@code off} stops the sweep). Every replica sweeps; the rescoring is idempotent.
         */
        @WithDefault("1h")
        String sweepInterval();
    }

    /**
     * Reading lead.analyzed.v1. No code calls this: the channel's {@code auto.commit.interval.ms} reads the key
     * ({@code application.properties}). It is declared here to give the key its one default and its documentation,
     * and because every key under {@code leadflow.scoring} must map (the service refuses to start otherwise).
     */
    interface Intake {
        /**
         * How often the offsets of written and published batches are committed, in milliseconds. A crash before a
         * commit redelivers batches that are already written, which the idempotent writes absorb.
         */
        @WithDefault("5000")
        int commitIntervalMs();
    }

    /** Rescoring stored leads (after a model change, and as they go quiet). */
    interface Rescore {
        /** Leads rescored per transaction; each batch is short, so intake never waits long for it. */
        @WithDefault("500")
        int batchSize();
    }
}
