package io.leadflow.ingest.service.signature;

import io.leadflow.http.ProblemException;
import io.leadflow.testinfra.webhooks.PlatformSignatures;
import io.leadflow.testinfra.webhooks.WebhookFixtures;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TwilioSignatureTest {

    /** Twilio's own example (its request-validation docs and SDK tests): auth token 12345, this URL and these fields. */
    private static final String DOCUMENTED_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final Map<String, List<String>> DOCUMENTED_PARAMS = params(Map.of("CallSid", "CA1234567890ABCDE",
            "Caller", "+14158675309", "Digits", "1234", "From", "+14158675309", "To", "+18005551212"));

    @Test
    void twiliosDocumentedExample_isValid() {
        assertThatCode(() -> TwilioSignature.verify("12345", DOCUMENTED_URL, DOCUMENTED_PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8="))
                .doesNotThrowAnyException();
    }

    @Test
    void urlWithTheDefaultPortWrittenOut_orAPortAProxyAdded_isValidToo() {
        assertThatCode(() -> TwilioSignature.verify("12345", "https://mycompany.com:443/myapp.php?foo=1&bar=2",
                DOCUMENTED_PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).doesNotThrowAnyException();
        assertThatCode(() -> TwilioSignature.verify("12345", DOCUMENTED_URL, DOCUMENTED_PARAMS, "kvajT1Ptam85bY51eRf/AJRuM3w="))
                .doesNotThrowAnyException();
    }

    @Test
    void aWhatsappPostSignedAsTwilioDoes_isValid() {
        Map<String, String> fields = WebhookFixtures.form("twilio/whatsapp.form");
        String url = "https://leads.shop.example/api/webhook/twilio";
        String signature = PlatformSignatures.twilio("auth-token", url, fields);
        assertThatCode(() -> TwilioSignature.verify("auth-token", url, params(fields), signature)).doesNotThrowAnyException();
    }

    @Test
    void anotherUrl_aChangedFieldOrAnotherToken_isRefusedWith403() {
        assertRefused("12345", "https://mycompany.com/other.php?foo=1&bar=2", DOCUMENTED_PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", 403);
        Map<String, String> changed = new LinkedHashMap<>(Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+14158675309",
                "Digits", "9999", "From", "+14158675309", "To", "+18005551212"));
        assertRefused("12345", DOCUMENTED_URL, params(changed), "RSOYDt4T1cUTdK1PDd93/VVr8B8=", 403);
        assertRefused("54321", DOCUMENTED_URL, DOCUMENTED_PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", 403);
        assertRefused("12345", DOCUMENTED_URL, DOCUMENTED_PARAMS, "%%% not base64", 403);
    }

    @Test
    void missingSignature_isRefusedWith401() {
        assertRefused("12345", DOCUMENTED_URL, DOCUMENTED_PARAMS, null, 401);
    }

    private static void assertRefused(String token, String url, Map<String, List<String>> params, String header, int status) {
        assertThatThrownBy(() -> TwilioSignature.verify(token, url, params, header))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(status);
                    assertThat(e.problem().field()).isEqualTo("X-Twilio-Signature");
                });
    }

    private static Map<String, List<String>> params(Map<String, String> fields) {
        return fields.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
    }
}
