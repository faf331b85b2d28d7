package org.wikifarm.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.wikifarm.error.WikifarmException.InvalidInput;

/**
 * The addresses whose identity headers are believed: single addresses or CIDR ranges, IPv4 or IPv6, given as
 * literals (never host names, so no lookup happens). Anything else that sends the headers is ignored.
 */
public final class TrustedProxies {
    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
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
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** Parses a comma-separated list such as {@code 127.0.0.1, ::1, 10.0.0.0/8}; an empty list trusts nobody. */
    public static TrustedProxies parse(String list) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : list.split(",")) {
            String item = entry.strip();
            if (item.isEmpty()) {
                continue;
            }
            int slash = item.indexOf('/');
            byte[] network = literal(slash < 0 ? item : item.substring(0, slash));
            int prefix = network.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(item.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw invalid(item);
                }
                if (prefix < 0 || prefix > network.length * 8) {
                    throw invalid(item);
                }
            }
            ranges.add(new Range(network, prefix));
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    public boolean contains(String address) {
        if (address == null || address.isEmpty()) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = literal(address);
        } catch (InvalidInput e) {
            return false;
        }
        return ranges.stream().anyMatch(range -> range.contains(bytes));
    }

    private static byte[] literal(String text) {
        String address = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean ipv4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = address.contains(":") && address.matches("[0-9a-fA-F:.%]+");
        if (!ipv4 && !ipv6) {
            throw invalid(text);
        }
        try {
            // A literal address is parsed without any lookup.
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw invalid(text);
        }
    }

    private static InvalidInput invalid(String entry) {
        return new InvalidInput("invalid_setting",
                "'" + entry + "' is not an IP address or CIDR range (wikifarm.trustedProxies).");
    }
}
