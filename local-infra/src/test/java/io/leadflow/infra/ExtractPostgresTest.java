package io.leadflow.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExtractPostgresTest {

    @Test
    void archiveFor_namesTheArchiveOfEachSupportedPlatform_asTheJvmReportsIt() {
        assertThat(ExtractPostgres.archiveFor("Linux", "amd64")).isEqualTo("postgres-linux-x86_64.txz");
        assertThat(ExtractPostgres.archiveFor("Linux", "aarch64")).isEqualTo("postgres-linux-arm_64.txz");
        assertThat(ExtractPostgres.archiveFor("Mac OS X", "x86_64")).isEqualTo("postgres-darwin-x86_64.txz");
        assertThat(ExtractPostgres.archiveFor("Mac OS X", "aarch64")).isEqualTo("postgres-darwin-arm_64.txz");
    }

    @Test
    void archiveFor_anotherPlatform_isRefusedNamingIt() {
        assertThatThrownBy(() -> ExtractPostgres.archiveFor("Windows 11", "amd64"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("The local stack runs on Linux and macOS, on x86_64 or ARM64; this is Windows 11 on amd64");
        assertThatThrownBy(() -> ExtractPostgres.archiveFor("Linux", "ppc64le"))
                .hasMessageEndingWith("this is Linux on ppc64le");
    }

    /** The build chose the binaries artifact of the platform this JVM says it runs on (the root pom's profiles). */
    @Test
    void theArchiveForThisPlatform_isOnTheClasspath() {
        String archive = ExtractPostgres.archiveFor(System.getProperty("os.name"), System.getProperty("os.arch"));

        assertThat(ExtractPostgres.class.getClassLoader().getResource(archive)).as(archive).isNotNull();
    }

    @Test
    void main_unpacksAPostgresThatRunsHere(@TempDir Path directory) throws IOException, InterruptedException {
        Path home = directory.resolve("pgsql");

        ExtractPostgres.main(new String[] {home.toString()});

        Process version = new ProcessBuilder(home.resolve("bin/postgres").toString(), "--version")
                .redirectErrorStream(true).start();
        assertThat(version.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .startsWith("postgres (PostgreSQL) 17.");
        assertThat(version.exitValue()).isZero();
        assertThat(Files.exists(directory.resolve("pgsql.partial"))).as("the partial directory is moved into place").isFalse();
    }
}
