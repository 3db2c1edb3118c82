package io.leadflow.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrossOriginGuardTest {

    @Test
    void json_passes_withOrWithoutParameters() {
        assertThatCode(() -> CrossOriginGuard.requireJson("application/json")).doesNotThrowAnyException();
        assertThatCode(() -> CrossOriginGuard.requireJson("Application/JSON; charset=UTF-8")).doesNotThrowAnyException();
    }

    @Test
    void whatAPageOnAnotherOriginMaySendUnasked_isA415NamingTheHeader() {
        for (String contentType : new String[] {null, "", "text/plain", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "text/plain; a=application/json", "application/jsonx"}) {
            assertThatThrownBy(() -> CrossOriginGuard.requireJson(contentType)).as(contentType)
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.problem().status()).isEqualTo(415);
                        assertThat(e.problem().field()).isEqualTo("Content-Type");
                    });
        }
    }
}
