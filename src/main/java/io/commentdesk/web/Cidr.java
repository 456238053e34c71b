package io.commentdesk.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.apache.commons.validator.routines.InetAddressValidator;

/** An IPv4 or IPv6 address or CIDR range, matched byte by byte. */
public record Cidr(byte[] network, int prefix) {

    private static final InetAddressValidator LITERALS = InetAddressValidator.getInstance();

    /** Parses {@code 203.0.113.7}, {@code 203.0.113.0/24}, {@code 2001:db8::/32}; empty when it is none of those. */
    public static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.trim();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        // Only literals: InetAddress would otherwise look a host name up in DNS.
        if (!LITERALS.isValid(address)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            int prefix = bytes.length * 8;
            if (slash >= 0) {
                prefix = Integer.parseInt(value.substring(slash + 1));
                if (prefix < 0 || prefix > bytes.length * 8) {
                    return Optional.empty();
                }
            }
            return Optional.of(new Cidr(bytes, prefix));
        } catch (UnknownHostException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean contains(String ip) {
        return parse(ip).map(a -> contains(a.network())).orElse(false);
    }

    /** Whether the address (4 bytes for IPv4, 16 for IPv6) is in this range; never across the two families. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }

    /** The canonical text, e.g. {@code 203.0.113.0/24}. */
    public String text() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
