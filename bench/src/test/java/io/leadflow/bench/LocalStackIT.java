package io.leadflow.bench;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The local stack as {@code ./leadflow up} starts it (free ports, its data under {@code target/}): what it must never
 * hand out — root, a database superuser, its data to other users, its internal services to the network, Swagger UI
 * in production — and that the benchmark's quick run ({@code ./leadflow bench --quick --running}) completes on it.
 * One stack for all of it: each start costs CI most of a minute.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalStackIT {

    private static final List<String> SCENARIOS = List.of("ingest", "pipeline", "query", "export_csv", "export_xlsx", "startup");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    /** Loopback in /proc/net/tcp (127.0.0.1) and /proc/net/tcp6 (::ffff:127.0.0.1 and ::1), as the kernel writes them. */
    private static final Set<String> LOOPBACK = Set.of("0100007F", "0000000000000000FFFF00000100007F",
            "00000000000000000000000001000000");

    private final Path root = repositoryRoot();
    private final Path target = Paths.get("target").toAbsolutePath();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> environment = new HashMap<>();
    private String upOutput;
    private Target stack;
    /** The first admin's token, signed in with the password the launcher generated. */
    private String authorization;

    @BeforeAll
    void up() throws Exception {
        Path data = target.resolve("stack");
        deleteTree(data);
        environment.put("LEADFLOW_DATA_DIR", data.toString());
        for (String name : List.of("QUERY", "INGEST", "ANALYSIS", "SCORING", "EXPORT", "KAFKA", "KAFKA_CONTROLLER", "PG",
                "QUERY_MANAGEMENT", "INGEST_MANAGEMENT", "ANALYSIS_MANAGEMENT", "SCORING_MANAGEMENT", "EXPORT_MANAGEMENT")) {
            environment.put("LEADFLOW_" + name + "_PORT", String.valueOf(freePort()));
        }
        Launched up = launcher(Duration.ofMinutes(10), "up");
        upOutput = up.output();
        assertThat(up.exitValue()).as("./leadflow up; its output:\n%s", upOutput).isZero();
        stack = Target.fromEnvironment(environment);
        authorization = stack.authorization();
    }

    @AfterAll
    void down() throws Exception {
        launcher(Duration.ofMinutes(3), "down");
    }

    @Test
    void theServicesRole_isNoSuperuser_andCannotRunPrograms() throws SQLException, IOException {
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
             Statement statement = db.createStatement()) {
            try (ResultSet role = statement.executeQuery("SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, "
                    + "rolbypassrls, pg_has_role(current_user, 'pg_execute_server_program', 'USAGE') FROM pg_roles "
                    + "WHERE rolname = current_user")) {
                assertThat(role.next()).isTrue();
                for (int column = 1; column <= 6; column++) {
                    assertThat(role.getBoolean(column)).as(role.getMetaData().getColumnName(column)).isFalse();
                }
            }
            assertThatThrownBy(() -> statement.execute("COPY (SELECT 1) TO PROGRAM 'id'"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        }
        assertThat(stack.dbPassword()).isNotEqualTo("leadflow");
        String superuser = Files.readString(stack.dataDirectory().resolve("credentials/postgres.password")).strip();
        assertThatThrownBy(() -> DriverManager.getConnection(stack.jdbcUrl(), "postgres", superuser).close())
                .as("the superuser over TCP: no pg_hba.conf entry")
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"));
    }

    @Test
    void theData_isForTheStacksOwnUserAlone() throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> open = new ArrayList<>();
        Files.walkFileTree(stack.dataDirectory(), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                check(directory);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (!attributes.isSymbolicLink()) {
                    check(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // a temporary file the running stack just removed
                }
                throw e;
            }

            private void check(Path path) throws IOException {
                PosixFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    return;
                }
                if (attributes.permissions().stream().anyMatch(GROUP_OR_OTHERS::contains)
                        || root && !attributes.owner().getName().equals("leadflow")) {
                    open.add(path + " " + attributes.owner().getName() + " " + attributes.permissions());
                }
            }
        });
        assertThat(open).as("files and directories others may open, or (as root) not the user leadflow's").isEmpty();
        assertThat(stack.dataDirectory().resolve("kafka/data")).isDirectory();
        assertThat(stack.dataDirectory().resolve("credentials/leadflow.password")).isRegularFile();
    }

    @Test
    void nothingTheStackRuns_isRoot() throws IOException {
        List<Long> pids = new ArrayList<>();
        pids.add(Long.parseLong(Files.readAllLines(stack.dataDirectory().resolve("postgres/postmaster.pid")).get(0).strip()));
        for (String component : List.of("kafka", "scoring", "analysis", "ingest", "query", "export")) {
            pids.add(Long.parseLong(Files.readString(stack.dataDirectory().resolve("run/" + component + ".pid")).strip()));
        }
        for (long pid : pids) {
            String uids = Files.readAllLines(Paths.get("/proc", String.valueOf(pid), "status")).stream()
                    .filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow();
            assertThat(uids.split("\\s+")).as("pid %d: %s", pid, uids).hasSize(5).doesNotContain("0");
        }
    }

    @Test
    void analysisScoringAndExport_listenOnLoopbackOnly() throws IOException {
        Map<Integer, List<String>> listening = listeningAddresses();
        for (String service : List.of("analysis", "scoring", "export")) {
            assertThat(listening.get(stack.port(service))).as(service).isNotEmpty().allMatch(LOOPBACK::contains);
        }
    }

    @Test
    void metrics_areServedOnEachServicesManagementPort_onLoopback_andNotWhereTheServiceAnswers() throws Exception {
        Map<Integer, List<String>> listening = listeningAddresses();
        for (String service : List.of("query", "ingest", "analysis", "scoring", "export")) {
            int management = Integer.parseInt(environment.get("LEADFLOW_" + service.toUpperCase(Locale.ROOT) + "_MANAGEMENT_PORT"));
            assertThat(status(stack.port(service), "/q/metrics")).as(service).isEqualTo(404);
            assertThat(status(stack.port(service), "/q/health/ready")).as(service).isEqualTo(200);
            assertThat(status(management, "/q/metrics")).as(service).isEqualTo(200);
            assertThat(listening.get(management)).as(service).isNotEmpty().allMatch(LOOPBACK::contains);
        }
    }

    @Test
    void swaggerUi_isServedOnlyByQueryService_andThereOnlyAsTheLauncherSwitchesItOn_andMetricsNeverOnTheMainPort() throws Exception {
        assertThat(status(stack.port("query"), "/q/swagger-ui/")).isEqualTo(200);
        for (String service : List.of("ingest", "analysis", "scoring", "export")) {
            assertThat(status(stack.port(service), "/q/swagger-ui/")).as(service).isEqualTo(404);
        }
        // The same jar in production, without the launcher's switch.
        int port = freePort();
        int management = freePort();
        ProcessBuilder query = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Djava.io.tmpdir=" + target, "-jar",
                root.resolve("query-service/target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true)
                .redirectOutput(target.resolve("query-prod.log").toFile());
        query.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("LEADFLOW_"));
        query.environment().putAll(Map.of("QUARKUS_HTTP_PORT", String.valueOf(port),
                "QUARKUS_MANAGEMENT_PORT", String.valueOf(management),
                "KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrap(),
                "LEADFLOW_DB_URL", stack.jdbcUrl().substring("jdbc:".length()),
                "LEADFLOW_DB_USER", stack.dbUser(), "LEADFLOW_DB_PASSWORD", stack.dbPassword(),
                "LEADFLOW_JWT_PUBLIC_KEY", Files.readString(stack.dataDirectory().resolve("credentials/jwt-public.key")).strip()));
        Process process = query.start();
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> status(port, "/q/health/live") == 200);
            assertThat(status(port, "/q/swagger-ui/")).isEqualTo(404);
            assertThat(status(port, "/q/openapi")).isEqualTo(200);
            assertThat(status(port, "/q/metrics")).isEqualTo(404);
            assertThat(status(management, "/q/metrics")).isEqualTo(200);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void up_saysUnsignedWebhooksAreAccepted_andHowToRefuseThem() throws IOException {
        assertThat(upOutput).contains("Webhooks without a signature are accepted (development); "
                + "LEADFLOW_WEBHOOKS_ALLOW_UNSIGNED=false ./leadflow up refuses them.");
        long ingest = stack.pid("ingest").orElseThrow();
        String environ = Files.readString(Paths.get("/proc", String.valueOf(ingest), "environ"), StandardCharsets.UTF_8);
        assertThat(environ.split("\0")).contains("LEADFLOW_WEBHOOKS_ALLOW_UNSIGNED=true");
    }

    @Test
    void up_printsTheFirstAdminsGeneratedPasswordOnce_keptPrivate_andNoLeadWithoutSigningIn() throws Exception {
        Path file = stack.dataDirectory().resolve("credentials/admin.password");
        String password = Files.readString(file).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(32);
        assertThat(upOutput).contains("Sign in as admin with the password " + password + " (shown once; kept in " + file + ")");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        for (String key : List.of("jwt-private.key", "jwt-public.key")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    stack.dataDirectory().resolve("credentials").resolve(key)))).as(key).isEqualTo("rw-------");
        }
        assertThat(status(stack.port("query"), "/api/leads")).isEqualTo(401);
        assertThat(status(stack.port("query"), "/api/webhook/leads")).isEqualTo(401);
        assertThat(status(stack.port("export"), "/api/export/leads.csv")).isEqualTo(401);
        assertThat(get("/api/webhook/leads").statusCode()).isEqualTo(200);
    }

    @Test
    void demo_postsItsMessages() throws Exception {
        Launched demo = launcher(Duration.ofMinutes(2), "demo");
        assertThat(demo.exitValue()).as(demo.output()).isZero();
        Matcher posted = Pattern.compile("Posted (\\d+) demo messages, (\\d+) accepted").matcher(demo.output());
        assertThat(posted.find()).as(demo.output()).isTrue();
        assertThat(posted.group(2)).isEqualTo(posted.group(1));
    }

    @Test
    void exportsThroughQueryService_markFormulaText_andOnlyAPostMarksTheLeads() throws Exception {
        String phone = "+92300" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
        HttpResponse<String> scored = http.send(HttpRequest.newBuilder(url("ingest", "/api/webhook?wait=30"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"" + phone + "\",\"channel\":\"website\","
                        + "\"sender_name\":\"＠SUM(A1)\",\"message\":\"＝HYPERLINK(\\\"http://x\\\") I want to buy 2 today\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(scored.statusCode()).as(scored.body()).isEqualTo(200);
        String id = field(scored.body(), "lead_id");
        String filter = "?q=" + phone.replace("+", "%2B");

        Map<String, String> row = csvRow(get("/api/export/leads.csv" + filter).body(), id);
        assertThat(row.get("Name")).isEqualTo("'＠SUM(A1)");
        assertThat(row.get("Message")).startsWith("'＝HYPERLINK(");
        assertThat(row.get("Exported before")).isEqualTo("no");
        byte[] workbook = http.send(HttpRequest.newBuilder(url("query", "/api/export/leads.xlsx" + filter))
                        .header("Authorization", authorization).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            Row xlsx = xlsxRow(book, id);
            assertThat(xlsx.getCell(1).getStringCellValue()).isEqualTo("＠SUM(A1)");
            assertThat(xlsx.getCell(1).getCellStyle().getQuotePrefixed()).as("Name marked as text").isTrue();
            assertThat(xlsx.getCell(5).getStringCellValue()).startsWith("＝HYPERLINK(");
            assertThat(xlsx.getCell(5).getCellStyle().getQuotePrefixed()).as("Message marked as text").isTrue();
        }

        HttpResponse<String> getToMark = get("/api/export/leads.csv" + filter + "&mark_exported=true");
        assertThat(getToMark.statusCode()).isEqualTo(400);
        assertThat(getToMark.body()).contains("\"field\":\"mark_exported\"");
        HttpResponse<String> marking = http.send(HttpRequest.newBuilder(url("query", "/api/export/leads.csv" + filter))
                .header("Content-Type", "application/json").header("Authorization", authorization).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(marking.statusCode()).isEqualTo(200);
        assertThat(csvRow(marking.body(), id).get("Exported before")).isEqualTo("no");
        assertThat(csvRow(get("/api/export/leads.csv" + filter).body(), id).get("Exported before")).isEqualTo("yes");
    }

    @Test
    void quickBenchmark_completesOnTheStack_withOneLinePerScenario() throws Exception {
        Path results = target.resolve("bench-results");
        Launched bench = launcher(Duration.ofMinutes(15), "bench", "--quick", "--running", "--results", results.toString());
        Files.writeString(target.resolve("bench-quick.log"), bench.output());

        assertThat(bench.exitValue()).as("exit status; output:\n%s", bench.output()).isZero();
        List<String> lines = bench.output().lines().filter(line -> line.startsWith("BENCH ")).toList();
        assertThat(lines).as("one line per scenario").hasSize(SCENARIOS.size());
        for (int i = 0; i < SCENARIOS.size(); i++) {
            assertThat(lines.get(i)).matches("BENCH scenario=" + SCENARIOS.get(i) + " value=[0-9.]+( [a-z0-9_]+=[0-9.]+)*");
        }
        try (var reports = Files.list(results)) {
            Path report = reports.filter(Files::isDirectory).findFirst().orElseThrow();
            assertThat(report.resolve("report.md")).content().contains("| ingest |", "| startup |");
            assertThat(report.resolve("report.json")).content().contains("\"results\"", "\"export_xlsx\"").doesNotContain("NaN");
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private record Launched(int exitValue, String output) {
    }

    /** Runs {@code ./leadflow ARGS} with this stack's environment, and nothing of the caller's Leadflow settings. */
    private Launched launcher(Duration limit, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root.resolve("leadflow").toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(target, "leadflow-" + args[0], ".log");
        ProcessBuilder launcher = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        launcher.environment().keySet().removeIf(name -> name.startsWith("LEADFLOW_") || name.startsWith("QUARKUS_")
                || name.equals("KAFKA_BOOTSTRAP_SERVERS"));
        launcher.environment().putAll(environment);
        Process process = launcher.start();
        boolean finished = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished).as("./leadflow %s finishes within %s; its output:\n%s", args[0], limit, text).isTrue();
        return new Launched(process.exitValue(), text);
    }

    /** The local addresses of the listening TCP sockets, by port. */
    private static Map<Integer, List<String>> listeningAddresses() throws IOException {
        Map<Integer, List<String>> listening = new HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Paths.get(table)).stream().skip(1).toList()) {
                String[] fields = line.strip().split("\\s+");
                if (fields[3].equals("0A")) { // LISTEN
                    String[] local = fields[1].split(":");
                    listening.computeIfAbsent(Integer.parseInt(local[1], 16), port -> new ArrayList<>()).add(local[0]);
                }
            }
        }
        return listening;
    }

    private int status(int port, String path) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        }
    }

    private HttpResponse<String> get(String queryPath) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url("query", queryPath)).header("Authorization", authorization).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI url(String service, String path) {
        return URI.create("http://127.0.0.1:" + stack.port(service) + path);
    }

    private static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\":\"?([^\",}]+)").matcher(json);
        assertThat(value.find()).as("%s in %s", name, json).isTrue();
        return value.group(1);
    }

    private static Map<String, String> csvRow(String csv, String leadId) throws IOException {
        String withoutBom = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(withoutBom))) {
            if (record.get("Lead ID").equals(leadId)) {
                return record.toMap();
            }
        }
        throw new AssertionError("lead " + leadId + " is not in\n" + csv);
    }

    private static Row xlsxRow(XSSFWorkbook workbook, String leadId) {
        for (Row row : workbook.getSheetAt(0)) {
            Cell id = row.getCell(0);
            if (row.getRowNum() > 0 && String.valueOf((long) id.getNumericCellValue()).equals(leadId)) {
                return row;
            }
        }
        throw new AssertionError("lead " + leadId + " is not in the workbook");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static Path repositoryRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve("leadflow"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository with ./leadflow").isNotNull();
        return dir;
    }
}
