package io.leadflow.export.service;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CrlfRecordsTest {

    @Test
    void recordEnds_becomeCrlf() throws IOException {
        assertThat(through("a,b\n1,2\n")).isEqualTo("a,b\r\n1,2\r\n");
    }

    @Test
    void lineFeedsInsideQuotedValues_areKept() throws IOException {
        assertThat(through("1,\"Hello, \"\"friend\"\"\nsecond line\"\n2,x\n"))
                .isEqualTo("1,\"Hello, \"\"friend\"\"\nsecond line\"\r\n2,x\r\n");
    }

    @Test
    void stateCarriesAcrossWrites_evenInsideAMultiByteCharacter() throws IOException {
        byte[] bytes = "1,\"میں\nخریدنا\"\n2,\"x\"\"\n\"\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (CrlfRecords out = new CrlfRecords(sink)) {
            for (byte b : bytes) {
                out.write(b);
            }
        }
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("1,\"میں\nخریدنا\"\r\n2,\"x\"\"\n\"\r\n");
    }

    private static String through(String text) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (CrlfRecords out = new CrlfRecords(sink)) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, 5);
            out.write(bytes, 5, bytes.length - 5);
        }
        return sink.toString(StandardCharsets.UTF_8);
    }
}
