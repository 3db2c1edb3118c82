package io.leadflow.ingest;

import io.leadflow.testinfra.Layering;
import org.junit.jupiter.api.Test;

class LayeringTest {

    @Test
    void dependenciesPointFromRestToServiceToRepository() {
        Layering.check("io.leadflow.ingest");
    }
}
