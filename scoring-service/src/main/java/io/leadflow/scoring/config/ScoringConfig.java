package io.leadflow.scoring.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The scoring model: how many points each factor can give, and where the grades start. */
@ConfigMapping(prefix = "leadflow.scoring")
public interface ScoringConfig {

    Weights weights();

    /** The lowest score that is HOT. */
    @WithDefault("60")
    int hotThreshold();

    /** The lowest score that is WARM; below it a lead is COLD. */
    @WithDefault("40")
    int warmThreshold();

    /** The most points each of the seven factors can give; together at most 100. */
    interface Weights {
        /** What the customer wants (Buy highest, Spam nothing). */
        @WithDefault("30")
        int intent();

        /** How soon they need it. */
        @WithDefault("20")
        int urgency();

        /** A valid phone and a valid email to reach them by. */
        @WithDefault("15")
        int contactQuality();

        /** The channel they wrote from (WhatsApp converts best). */
        @WithDefault("10")
        int channel();

        /** What we know about them and their need: name, product, quantity, budget, location. */
        @WithDefault("10")
        int dataQuality();

        /** How much they wrote. */
        @WithDefault("5")
        int messageLength();

        /** A complete contact: a name with a way to reach them. */
        @WithDefault("10")
        int bonus();
    }
}
