package io.leadflow.ingest.service;

import io.leadflow.http.ProblemException;
import io.leadflow.testinfra.webhooks.WebhookFixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormDataTest {

    @Test
    void urlEncoded_decodesPlusesEscapesAndRepeatedFields() {
        FormData form = FormData.urlEncoded("Body=Salam%2C+I+need+5+chairs&From=whatsapp%3A%2B923217778899&tag=a&tag=b&empty="
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(form.asStrings()).isEqualTo(Map.of("Body", List.of("Salam, I need 5 chairs"),
                "From", List.of("whatsapp:+923217778899"), "tag", List.of("a", "b"), "empty", List.of("")));
        assertThat(form.text("empty")).isNull();
    }

    @Test
    void aThousandFields_areRead_moreAreA413() {
        assertThat(FormData.urlEncoded(("f=1" + "&f=1".repeat(FormData.MAX_FIELDS - 1)).getBytes(StandardCharsets.US_ASCII))
                .all("f")).hasSize(FormData.MAX_FIELDS);

        assertThatThrownBy(() -> FormData.urlEncoded(("f=1" + "&f=1".repeat(FormData.MAX_FIELDS)).getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(413));
        String boundary = "b";
        String part = "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n1\r\n";
        byte[] multipart = (part.repeat(FormData.MAX_FIELDS + 1) + "--b--\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> FormData.parse(multipart, "multipart/form-data; boundary=" + boundary))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(413));
    }

    @Test
    void urlEncoded_utf8IsRead() {
        FormData form = FormData.urlEncoded(WebhookFixtures.urlEncoded(Map.of("Body", "آپ کی قیمت کیا ہے؟")));
        assertThat(form.text("Body")).isEqualTo("آپ کی قیمت کیا ہے؟");
    }

    @Test
    void urlEncoded_invalidUtf8IsA400NamingTheField() {
        assertThatThrownBy(() -> FormData.urlEncoded("Body=caf%E9".getBytes(StandardCharsets.US_ASCII)).asStrings())
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().field()).isEqualTo("Body");
                });
    }

    @Test
    void urlEncoded_brokenEscapesAreA400() {
        assertThatThrownBy(() -> FormData.urlEncoded("Body=50%".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> FormData.urlEncoded("Body=%zz".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void multipart_readsFieldsAndKeepsFilesAsMetadata() {
        byte[] body = WebhookFixtures.multipart("xYzZY", Map.of("from", "Fatima <f@example.pk>", "text", "line 1\r\nline 2"),
                List.of(new WebhookFixtures.FilePart("attachment1", "room-plan.pdf", "application/pdf", new byte[] {1, 2, 3})));
        FormData form = FormData.parse(body, WebhookFixtures.multipartType("xYzZY"));
        assertThat(form.text("from")).isEqualTo("Fatima <f@example.pk>");
        assertThat(form.text("text")).isEqualTo("line 1\r\nline 2");
        assertThat(form.files()).containsExactly(new FormData.FilePart("attachment1", "room-plan.pdf", "application/pdf", 3));
    }

    @Test
    void multipart_fieldsAreReadInTheCharsetThePosterDeclared() {
        byte[] latin1 = "Caf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = concat("--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                latin1, "\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII));
        FormData form = FormData.parse(body, "multipart/form-data; boundary=b");
        assertThatThrownBy(() -> form.text("text")).isInstanceOf(ProblemException.class);
        assertThat(form.withCharsets(Map.of("text", Charset.forName("iso-8859-1"))).text("text")).isEqualTo("Café au lait");
    }

    @Test
    void multipart_withoutBoundaryIsA400() {
        assertThatThrownBy(() -> FormData.parse("no parts here".getBytes(StandardCharsets.US_ASCII), "multipart/form-data"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(400));
    }

    @Test
    void emptyBodies_areA400() {
        assertThatThrownBy(() -> FormData.urlEncoded(new byte[0]))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(400));
        assertThatThrownBy(() -> FormData.parse(null, "multipart/form-data; boundary=b"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(400));
    }

    @Test
    void otherContentTypes_areA415() {
        assertThatThrownBy(() -> FormData.parse(new byte[] {'{', '}'}, "application/json"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(415));
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
