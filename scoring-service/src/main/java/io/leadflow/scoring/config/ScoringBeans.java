package io.leadflow.scoring.config;

import io.leadflow.scoring.model.ScoringEngine;
import io.leadflow.scoring.model.ScoringModel;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The scoring model from configuration, built (and so checked) when the service starts. */
@ApplicationScoped
public class ScoringBeans {

    @Produces
    @Singleton
    @Startup
    ScoringEngine scoringEngine(ScoringConfig config) {
        return new ScoringEngine(model(config));
    }

    private static ScoringModel model(ScoringConfig config) {
        ScoringConfig.Weights w = config.weights();
        ScoringConfig.Decay d = config.decay();
        return new ScoringModel(
                new ScoringModel.Weights(w.intent(), w.urgency(), w.contactQuality(), w.channel(), w.dataQuality(),
                        w.messageLength(), w.bonus()),
                config.hotThreshold(), config.warmThreshold(), config.conversation().window(),
                new ScoringModel.Decay(d.grace(), d.pointsPerWeek(), d.maxPoints()));
    }
}
