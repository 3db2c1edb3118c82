package io.leadflow.ingest.service;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressesTest {

    private final ClientAddresses behindProxies = ClientAddresses.trusting(List.of("10.0.0.0/8", "127.0.0.1", "fd00::/8"));
    private final ClientAddresses direct = ClientAddresses.trusting(List.of());

    @Test
    void withoutTrustedProxies_xForwardedForIsIgnored() {
        assertThat(direct.clientOf("203.0.113.7", List.of("198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void aRequestFromAnUntrustedPeer_isThePeersEvenWithXForwardedFor() {
        assertThat(behindProxies.clientOf("203.0.113.7", List.of("198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void aRequestFromATrustedProxy_isTheAddressItForwarded() {
        assertThat(behindProxies.clientOf("10.1.2.3", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(behindProxies.clientOf("127.0.0.1", List.of("[2001:db8::7]:443"))).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(behindProxies.clientOf("10.1.2.3", List.of("198.51.100.1:55123"))).isEqualTo("198.51.100.1");
    }

    @Test
    void whatTheClientWroteLeftOfTheProxies_isNotBelieved() {
        assertThat(behindProxies.clientOf("10.1.2.3", List.of("6.6.6.6, 198.51.100.1, 10.9.9.9"))).isEqualTo("198.51.100.1");
        assertThat(behindProxies.clientOf("10.1.2.3", List.of("6.6.6.6", "198.51.100.1"))).isEqualTo("198.51.100.1");
    }

    @Test
    void aChainOfOnlyProxies_isItsFirstHop_garbageStopsTheWalk() {
        assertThat(behindProxies.clientOf("10.1.2.3", List.of("10.0.0.5, 10.0.0.6"))).isEqualTo("10.0.0.5");
        assertThat(behindProxies.clientOf("10.1.2.3", List.of("198.51.100.1, unknown, 10.0.0.6"))).isEqualTo("10.0.0.6");
        assertThat(behindProxies.clientOf("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
    }

    @Test
    void anEntryThatIsNoAddressOrRange_isRefusedAtOnce() {
        assertThatThrownBy(() -> ClientAddresses.trusting(List.of("proxy.example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proxy.example.com");
        assertThatThrownBy(() -> ClientAddresses.trusting(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
    }
}
