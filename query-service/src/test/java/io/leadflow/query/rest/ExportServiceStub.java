package io.leadflow.query.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Plays export-service for the forwarding tests: answers {@code /api/export/leads.csv} and {@code .xlsx} as it
 * does (attachment, streamed in chunks), and a share link's {@code /api/shared/{token}/export/…} the same way, a bad filter with a 400 problem, and can hold a file half-sent until a
 * test lets it go, to show the forwarding streams instead of buffering.
 */
public class ExportServiceStub implements QuarkusTestResourceLifecycleManager {

    /** A real (if tiny) XLSX would be a zip; the forwarding only passes bytes, so these stand for one. */
    public static final byte[] XLSX_BYTES = "PK\u0003\u0004 not really a workbook".getBytes(StandardCharsets.ISO_8859_1);

    private static HttpServer server;
    private static int port;
    private static final List<Received> REQUESTS = new CopyOnWriteArrayList<>();
    private static volatile CountDownLatch holdSecondHalf;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            port = server.getAddress().getPort();
            serve();
            return Map.of("leadflow.export.url", "http://127.0.0.1:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A request export-service received: its method, URI (path and query) and Content-Type header (or null). */
    public record Received(String method, String uri, String contentType) {
    }

    /** The request URIs (path and query) export-service received, oldest first. */
    public static List<String> requests() {
        return REQUESTS.stream().map(Received::uri).toList();
    }

    /** The requests export-service received, oldest first. */
    public static List<Received> received() {
        return List.copyOf(REQUESTS);
    }

    /** From now on the CSV's second half waits until {@link #releaseSecondHalf()}. */
    static void holdSecondHalf() {
        holdSecondHalf = new CountDownLatch(1);
    }

    static void releaseSecondHalf() {
        CountDownLatch latch = holdSecondHalf;
        if (latch != null) {
            latch.countDown();
        }
        holdSecondHalf = null;
    }

    /** export-service goes away (connections refused) until {@link #comeBack()}. */
    static void goAway() {
        server.stop(0);
    }

    static void comeBack() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        serve();
    }

    public static String csvFirstHalf() {
        return "\uFEFFLead ID,Name,Grade\r\n";
    }

    public static String csvSecondHalf() {
        return "1,Ahmed,HOT\r\n2,\"Sara, Jr.\",WARM\r\n";
    }

    private static void serve() {
        server.createContext("/api/export/", ExportServiceStub::answer);
        server.createContext("/api/shared/", ExportServiceStub::answer);
        server.start();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String uri = exchange.getRequestURI().toString();
        REQUESTS.add(new Received(exchange.getRequestMethod(), uri, exchange.getRequestHeaders().getFirst("Content-Type")));
        String path = exchange.getRequestURI().getPath().replaceFirst("^/api/shared/[^/]+/export/", "/api/export/");
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null && query.contains("quality=LUKEWARM")) {
            byte[] problem = ("{\"type\":\"https://leadflow.io/problems/invalid-field\",\"title\":\"Invalid request field\","
                    + "\"status\":400,\"detail\":\"unknown quality 'LUKEWARM'\",\"field\":\"quality\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(400, problem.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(problem);
            }
            return;
        }
        if (path.equals("/api/export/leads.csv")) {
            exchange.getResponseHeaders().add("Content-Type", "text/csv; charset=UTF-8");
            exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"leads-all-2026-11-26.csv\"");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(csvFirstHalf().getBytes(StandardCharsets.UTF_8));
                body.flush();
                CountDownLatch hold = holdSecondHalf;
                if (hold != null && !hold.await(30, TimeUnit.SECONDS)) {
                    return;
                }
                body.write(csvSecondHalf().getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        if (path.equals("/api/export/leads.xlsx")) {
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"leads-all-2026-11-26.xlsx\"");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(XLSX_BYTES);
            }
            return;
        }
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
    }
}
