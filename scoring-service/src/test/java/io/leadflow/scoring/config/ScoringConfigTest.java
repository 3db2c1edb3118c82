package io.leadflow.scoring.config;

import io.leadflow.scoring.model.ScoringEngine;
import io.leadflow.scoring.model.ScoringModel;
import io.leadflow.testinfra.LeadflowTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's configuration of the model, with nothing set: the defaults are the model's, from one place. */
@QuarkusTest
@WithTestResource(value = LeadflowTestResource.class, initArgs = @ResourceArg(name = "database", value = "empty"))
class ScoringConfigTest {

    @Inject
    ScoringEngine engine;

    @Test
    void withNoScoringKeySet_theServiceScoresWithTheModelsDefaults() {
        assertThat(engine.model()).isEqualTo(ScoringModel.DEFAULTS);
    }

    @Test
    void theKeysReadByOtherConfiguration_getTheirDefaultsFromTheMapping() {
        Config config = ConfigProvider.getConfig();
        assertThat(config.getValue("mp.messaging.incoming.lead-analyzed.auto.commit.interval.ms", Integer.class))
                .isEqualTo(5000);
        assertThat(config.getValue("leadflow.scoring.decay.sweep-interval", String.class)).as("the sweep's @Scheduled")
                .isEqualTo("1h");
    }
}
