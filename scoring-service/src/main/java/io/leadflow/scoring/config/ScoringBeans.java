package io.leadflow.scoring.config;

import io.leadflow.scoring.service.ScoringEngine;
import io.leadflow.scoring.service.ScoringModel;
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
        return new ScoringEngine(ScoringModel.from(config));
    }
}
