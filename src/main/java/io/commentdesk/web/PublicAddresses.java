package io.commentdesk.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.apache.commons.validator.routines.InetAddressValidator;

/**
 * Whether an IP literal is an address anybody on the internet could reach: not loopback, private,
 * shared (carrier NAT), link-local, multicast, documentation or otherwise reserved (the IANA
 * special-purpose registries). A reader's website on such an address points readers' browsers at
 * their own machine or network, or at a cloud's metadata service.
 */
public final class PublicAddresses {

    private static final InetAddressValidator LITERALS = InetAddressValidator.getInstance();

    private static final List<Cidr> NOT_PUBLIC = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            // IPv6: unspecified, loopback and IPv4-compatible; NAT64; discard; IETF assignments (Teredo …);
            // documentation; 6to4; unique local; link-local; site-local; multicast. IPv4-mapped ones
            // (::ffff:a.b.c.d) are parsed as the IPv4 address they carry and checked as such.
            "::/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32", "2002::/16",
            "3fff::/20", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8")
            .stream().map(range -> Cidr.parse(range).orElseThrow()).toList();

    private PublicAddresses() {
    }

    /** Whether the text is an IPv4 or IPv6 literal (IPv6 with or without its URL brackets). */
    public static boolean isLiteral(String host) {
        return host != null && LITERALS.isValid(unbracketed(host));
    }

    /** Whether an IP literal is a public address; false for anything that is not a literal. */
    public static boolean isPublic(String literal) {
        if (!isLiteral(literal)) {
            return false;
        }
        try {
            // A literal: no DNS lookup happens.
            byte[] address = InetAddress.getByName(unbracketed(literal)).getAddress();
            return NOT_PUBLIC.stream().noneMatch(range -> range.contains(address));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** An IPv6 literal without its URL brackets; anything else as it is. */
    public static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
