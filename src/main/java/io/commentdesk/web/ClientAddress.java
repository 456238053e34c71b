package io.commentdesk.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The address a request came from, as the flood and block rules and moderators see it. Without
 * proxy forwarding (Quarkus's {@code quarkus.http.proxy.*}, off by default) it is the socket's peer.
 * Behind trusted proxies it is the address the outermost trusted proxy saw: {@code X-Forwarded-For}
 * (or {@code Forwarded}) is read from the right, skipping the proxies listed in
 * {@code quarkus.http.proxy.trusted-proxies}, and the first hop that is not one of them is the
 * client. A proxy appends what it saw to whatever the client sent, so the leftmost entry (which
 * Quarkus itself takes) is the client's own claim, and anyone could pick an address with it.
 */
@ApplicationScoped
public class ClientAddress {

    private static final Logger LOG = Logger.getLogger(ClientAddress.class);

    private final boolean xForwarded;
    private final boolean forwarded;
    /** Empty: every peer is trusted as the one proxy in front (Quarkus's default), and nothing further. */
    private final List<Cidr> trusted;

    ClientAddress(@ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false") boolean forwarding,
            @ConfigProperty(name = "quarkus.http.proxy.allow-forwarded", defaultValue = "false") boolean allowForwarded,
            @ConfigProperty(name = "quarkus.http.proxy.allow-x-forwarded") Optional<Boolean> allowXForwarded,
            @ConfigProperty(name = "quarkus.http.proxy.trusted-proxies") Optional<List<String>> trustedProxies) {
        this.forwarded = forwarding && allowForwarded;
        this.xForwarded = forwarding && allowXForwarded.orElse(!allowForwarded);
        this.trusted = trustedProxies.orElse(List.of()).stream().flatMap(entry -> ranges(entry).stream()).toList();
    }

    /** The client's address, or {@code null} when the connection has none (a Unix socket). */
    public String of(HttpServerRequest request) {
        // The connection's peer: with forwarding on, Quarkus rewrites request.remoteAddress() from the headers.
        SocketAddress peer = request.connection().remoteAddress();
        String address = peer == null ? null : peer.hostAddress();
        if (address == null || !(xForwarded || forwarded) || !isTrusted(address, true)) {
            return address;
        }
        List<String> hops = hops(request);
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!PublicAddresses.isLiteral(hop)) {
                return address; // "unknown", an obfuscated name, garbage: the last proxy that knew is all we know
            }
            address = PublicAddresses.unbracketed(hop);
            if (i == 0 || !isTrusted(address, false)) {
                return address;
            }
        }
        return address;
    }

    private boolean isTrusted(String address, boolean peer) {
        if (trusted.isEmpty()) {
            return peer;
        }
        return Cidr.parse(address).map(a -> trusted.stream().anyMatch(range -> range.contains(a.network()))).orElse(false);
    }

    /** Every forwarded-for hop, left (client side) to right (our side), ports and quotes removed. */
    private List<String> hops(HttpServerRequest request) {
        List<String> hops = new ArrayList<>();
        if (xForwarded && request.headers().contains("X-Forwarded-For")) {
            for (String header : request.headers().getAll("X-Forwarded-For")) {
                for (String entry : header.split(",")) {
                    hops.add(withoutPort(entry.trim()));
                }
            }
        } else if (forwarded) {
            for (String header : request.headers().getAll("Forwarded")) {
                for (String element : header.split(",")) {
                    for (String pair : element.split(";")) {
                        String p = pair.trim();
                        if (p.toLowerCase(Locale.ROOT).startsWith("for=")) {
                            hops.add(withoutPort(p.substring(4).replace("\"", "").trim()));
                        }
                    }
                }
            }
        }
        return hops;
    }

    /** {@code 203.0.113.7:4711} → {@code 203.0.113.7}; {@code [2001:db8::1]:443} → {@code [2001:db8::1]}; IPv6 as it is. */
    static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close < 0 ? hop : hop.substring(0, close + 1);
        }
        int colon = hop.indexOf(':');
        return colon >= 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    /** A trusted-proxies entry as ranges: an address or CIDR, or a host name looked up once, at start. */
    private static List<Cidr> ranges(String entry) {
        String value = entry.trim();
        Optional<Cidr> literal = Cidr.parse(PublicAddresses.unbracketed(withoutPort(value)));
        if (literal.isPresent() || value.contains("/")) {
            return Cidr.parse(value).or(() -> literal).stream().toList();
        }
        String host = withoutPort(value);
        try {
            List<Cidr> ranges = new ArrayList<>();
            for (InetAddress address : InetAddress.getAllByName(host)) {
                Cidr.parse(address.getHostAddress()).ifPresent(ranges::add);
            }
            return ranges;
        } catch (UnknownHostException e) {
            LOG.warnf("quarkus.http.proxy.trusted-proxies names %s, which does not resolve; it is not trusted", host);
            return List.of();
        }
    }
}
