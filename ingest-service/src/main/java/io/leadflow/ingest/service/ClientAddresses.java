package io.leadflow.ingest.service;

import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a request comes from. Its peer's address, unless the peer is one of the configured reverse proxies: then
 * the nearest address in {@code X-Forwarded-For} that is not one of them, read from the right, since everything left
 * of the proxies' own entries was written by the client and may be made up. Addresses are only ever parsed as
 * literals, never looked up.
 */
public final class ClientAddresses {

    private final List<Range> trustedProxies;

    private ClientAddresses(List<Range> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /**
     * @param trustedProxies addresses ({@code 10.1.2.3}, {@code ::1}) and CIDR ranges ({@code 10.0.0.0/8},
     *                       {@code fd00::/8})
     * @throws IllegalArgumentException naming an entry that is neither
     */
    public static ClientAddresses trusting(List<String> trustedProxies) {
        return new ClientAddresses(trustedProxies.stream().map(Range::parse).toList());
    }

    /**
     * The client's address.
     *
     * @param peer         the address the connection comes from
     * @param forwardedFor every {@code X-Forwarded-For} header of the request, in order
     */
    public String clientOf(String peer, List<String> forwardedFor) {
        Optional<InetAddress> hop = address(peer);
        if (hop.isEmpty() || !isTrusted(hop.get())) {
            return peer;
        }
        List<String> entries = new ArrayList<>();
        forwardedFor.forEach(header -> Arrays.stream(header.split(",")).map(String::strip)
                .filter(entry -> !entry.isEmpty()).forEach(entries::add));
        InetAddress client = hop.get();
        for (int i = entries.size() - 1; i >= 0 && isTrusted(client); i--) {
            Optional<InetAddress> forwarded = address(entries.get(i));
            if (forwarded.isEmpty()) {
                break; // Not an address: the chain cannot be followed further than the last proxy.
            }
            client = forwarded.get();
        }
        return client.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    /** An address written as {@code 203.0.113.7}, {@code 203.0.113.7:443}, {@code 2001:db8::1} or {@code [2001:db8::1]:443}. */
    static Optional<InetAddress> address(String written) {
        if (written == null) {
            return Optional.empty();
        }
        String literal = written.strip();
        if (literal.startsWith("[") && literal.indexOf(']') > 0) {
            literal = literal.substring(1, literal.indexOf(']'));
        } else if (literal.indexOf(':') > 0 && literal.indexOf(':') == literal.lastIndexOf(':')) {
            literal = literal.substring(0, literal.indexOf(':'));
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            // From bytes, never a lookup; an IPv4-mapped IPv6 address comes back as the IPv4 address.
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** An address and the length of its prefix. */
    private record Range(byte[] network, int prefix) {

        static Range parse(String written) {
            String[] parts = written.strip().split("/", 2);
            InetAddress address = address(parts[0]).orElseThrow(() -> new IllegalArgumentException(
                    "Not an address or CIDR range: " + written));
            int bits = address.getAddress().length * 8;
            int prefix;
            try {
                prefix = parts.length == 1 ? bits : Integer.parseInt(parts[1].strip());
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("Not an address or CIDR range: " + written);
            }
            return new Range(address.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
