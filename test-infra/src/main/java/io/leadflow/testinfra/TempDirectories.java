package io.leadflow.testinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Scratch directories for the test broker and database, under java.io.tmpdir (the build points it into target/). */
final class TempDirectories {

    private TempDirectories() {
    }

    static Path create(String prefix) throws IOException {
        return Files.createTempDirectory(Files.createDirectories(Paths.get(System.getProperty("java.io.tmpdir"))), prefix);
    }
}
