package io.leadflow.export.service;

import io.leadflow.export.ExportFormat;
import io.leadflow.export.ExportRequest;
import io.leadflow.export.config.ExportConfig;
import io.leadflow.http.ProblemException;
import io.leadflow.leadquery.BusinessZone;
import io.leadflow.leadquery.LeadFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeadExportsTest {

    @Test
    void noDatabaseConnectionFree_isA503ProblemWithRetryAfter() {
        DataSource exhausted = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    throw new SQLTransientConnectionException("Sorry, acquisition timeout!");
                });
        LeadExports exports = new LeadExports(exhausted, config(1_048_575), new BusinessZone("Asia/Karachi"), new SimpleMeterRegistry());

        assertThatThrownBy(() -> exports.open(new ExportRequest(LeadFilter.ALL, false, java.time.ZoneOffset.UTC), ExportFormat.CSV))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(503);
                    assertThat(e.retryAfterSeconds()).isEqualTo(LeadExports.RETRY_AFTER_SECONDS);
                    assertThat(e.problem().detail()).doesNotContain("acquisition");
                });
    }

    @Test
    void wrongSettings_stopTheServiceAtStart() {
        assertThatThrownBy(() -> new LeadExports(null, config(10), new BusinessZone("+05:00"), new SimpleMeterRegistry()))
                .hasMessageContaining("Asia/Karachi");
        assertThatThrownBy(() -> new LeadExports(null, config(0), new BusinessZone("UTC"), new SimpleMeterRegistry()))
                .hasMessageContaining("rows-per-sheet");
    }

    private static ExportConfig config(int rowsPerSheet) {
        return new ExportConfig() {
            @Override
            public int fetchSize() {
                return 100;
            }

            @Override
            public Xlsx xlsx() {
                return new Xlsx() {
                    @Override
                    public int rowsPerSheet() {
                        return rowsPerSheet;
                    }

                    @Override
                    public Optional<Path> tempDirectory() {
                        return Optional.empty();
                    }

                    @Override
                    public boolean compressTempFiles() {
                        return true;
                    }
                };
            }
        };
    }
}
