package io.leadflow.system;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in OpenTelemetry collector: answers OTLP over HTTP with protobuf ({@code POST /v1/traces}) on a free port
 * and keeps the spans it receives. It reads the protobuf wire format by field number (ExportTraceServiceRequest →
 * ResourceSpans → ScopeSpans → Span), so it needs no generated OTLP classes.
 */
final class OtlpReceiver implements AutoCloseable {

    /** A received span: its trace and its parent, its name, and the service.name of the resource that sent it. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext("/v1/traces", receiver::receive);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The endpoint to give OTEL_EXPORTER_OTLP_ENDPOINT (the exporter adds /v1/traces). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            for (ByteString resourceSpans : UnknownFieldSet.parseFrom(body).getField(1).getLengthDelimitedList()) {
                UnknownFieldSet resource = UnknownFieldSet.parseFrom(resourceSpans);
                String service = serviceName(resource);
                for (ByteString scopeSpans : resource.getField(2).getLengthDelimitedList()) {
                    for (ByteString span : UnknownFieldSet.parseFrom(scopeSpans).getField(2).getLengthDelimitedList()) {
                        spans.add(span(service, UnknownFieldSet.parseFrom(span)));
                    }
                }
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private static ReceivedSpan span(String service, UnknownFieldSet span) {
        return new ReceivedSpan(service, hex(span, 1), hex(span, 2), hex(span, 4), text(span, 5));
    }

    /** Resource.attributes (1) is a list of KeyValue: key (1), AnyValue value (2) with string_value (1). */
    private static String serviceName(UnknownFieldSet resourceSpans) throws InvalidProtocolBufferException {
        for (ByteString resource : resourceSpans.getField(1).getLengthDelimitedList()) {
            for (ByteString attribute : UnknownFieldSet.parseFrom(resource).getField(1).getLengthDelimitedList()) {
                UnknownFieldSet keyValue = UnknownFieldSet.parseFrom(attribute);
                if ("service.name".equals(text(keyValue, 1))) {
                    return text(UnknownFieldSet.parseFrom(keyValue.getField(2).getLengthDelimitedList().get(0)), 1);
                }
            }
        }
        return null;
    }

    private static String hex(UnknownFieldSet message, int field) {
        List<ByteString> values = message.getField(field).getLengthDelimitedList();
        return values.isEmpty() ? "" : HexFormat.of().formatHex(values.get(0).toByteArray());
    }

    private static String text(UnknownFieldSet message, int field) {
        List<ByteString> values = message.getField(field).getLengthDelimitedList();
        return values.isEmpty() ? null : values.get(0).toStringUtf8();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
