package org.wikifarm.node;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.wikifarm.config.Settings;
import org.wikifarm.error.WikifarmException;

/**
 * A client of HAProxy's runtime API (the {@code stats socket … level admin} of {@code deploy/haproxy/haproxy.cfg}):
 * changes the wiki map live, without a reload. One command per connection (HAProxy's non-interactive mode answers
 * and closes); every exchange is bounded by the timeout. A map is named as HAProxy's configuration names it (its
 * file path, setting {@code haproxyMap}); the change is in HAProxy's memory only, so whoever changes it live also
 * writes the map file ({@code wikifarm proxy-map}) for the next reload.
 */
public final class HaproxyRuntime {
    /** What HAProxy may answer to {@code show map}: a bound, so a wrong address cannot fill the memory. */
    private static final int MAX_ANSWER = 64 << 20;
    /** Entries per {@code add map} payload stay under HAProxy's buffer (tune.bufsize, 16 KB by default). */
    private static final int MAX_PAYLOAD = 8_000;
    private static final String NEW_VERSION = "New version created: ";

    private final String address;
    private final Duration timeout;

    /**
     * @param address {@code host:port} ({@code 127.0.0.1:9999}, {@code [::1]:9999}) or the path of a unix socket
     *                (starting with {@code /})
     */
    public HaproxyRuntime(String address, Duration timeout) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("HAProxy's runtime API address is empty.");
        }
        this.address = address.strip();
        this.timeout = timeout;
        socketAddress(); // an address that cannot be one fails here, not at the first change
    }

    /** The runtime API the settings name ({@code haproxyRuntime}), if any; 5 s per exchange. */
    public static Optional<HaproxyRuntime> of(Settings.Cluster cluster) {
        return cluster.haproxyRuntime().isEmpty() ? Optional.empty()
                : Optional.of(new HaproxyRuntime(cluster.haproxyRuntime(), Duration.ofSeconds(5)));
    }

    /** Points {@code key} at {@code node}: {@code set map}, or {@code add map} when HAProxy has no such key yet. */
    public void set(String map, String key, String node) {
        ProxyMap.Entry entry = new ProxyMap.Entry(key, node);
        String answer = command("set map " + checkMap(map) + " " + entry.key() + " " + entry.node());
        if (answer.equals("entry not found.")) {
            expectNothing(command("add map " + map + " " + entry.key() + " " + entry.node()), "add map");
        } else {
            expectNothing(answer, "set map");
        }
    }

    /** Every entry of a wiki ({@link ProxyMap#entries(ProxyMap.Placed, String)}) set as {@link #set} does. */
    public void setAll(String map, List<ProxyMap.Entry> entries) {
        for (ProxyMap.Entry entry : entries) {
            set(map, entry.key(), entry.node());
        }
    }

    /** Removes {@code key} (every entry HAProxy has under it); false when it had none. */
    public boolean delete(String map, String key) {
        String answer = command("del map " + checkMap(map) + " " + ProxyMap.checkKey(key));
        if (answer.equals("Key not found.")) {
            return false;
        }
        expectNothing(answer, "del map");
        return true;
    }

    /** Removes every key of {@code entries} (a wiki deleted, a domain or custom slug given up). */
    public void deleteAll(String map, List<ProxyMap.Entry> entries) {
        for (ProxyMap.Entry entry : entries) {
            delete(map, entry.key());
        }
    }

    /** The map as HAProxy holds it now: key → node (the first entry of a key, as HAProxy's lookup finds it). */
    public Map<String, String> show(String map) {
        String answer = command("show map " + checkMap(map));
        Map<String, String> entries = new LinkedHashMap<>();
        if (answer.isEmpty()) {
            return entries;
        }
        for (String line : answer.split("\n")) {
            String[] fields = line.split(" ");
            if (fields.length != 3 || !fields[0].startsWith("0x")) {
                throw new Refused("show map", line);
            }
            entries.putIfAbsent(fields[1], fields[2]);
        }
        return entries;
    }

    /**
     * Replaces the whole map at once: {@code prepare map} (a new, empty version), {@code add map @<version>} in
     * payloads, then {@code commit map}, which swaps it in atomically — a request sees the old map or the new one,
     * never a mix. A failure before the commit leaves the map as it was.
     */
    public void replaceMap(String map, List<ProxyMap.Entry> entries) {
        String answer = command("prepare map " + checkMap(map));
        String version = answer.startsWith(NEW_VERSION) ? answer.substring(NEW_VERSION.length()) : "";
        if (version.isEmpty() || version.length() > 18 || !version.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Refused("prepare map", answer);
        }
        String at = "@" + version + " " + map;
        for (String payload : payloads(entries)) {
            expectNothing(command("add map " + at + " <<\n" + payload + "\n"), "add map");
        }
        expectNothing(command("commit map " + at), "commit map");
    }

    /** The entries as {@code key value} lines, cut into payloads HAProxy's buffer holds. */
    static List<String> payloads(List<ProxyMap.Entry> entries) {
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder();
        for (ProxyMap.Entry entry : entries) {
            String line = entry.key() + " " + entry.node() + "\n";
            if (payload.length() + line.length() > MAX_PAYLOAD) {
                payloads.add(payload.toString());
                payload.setLength(0);
            }
            payload.append(line);
        }
        if (payload.length() > 0) {
            payloads.add(payload.toString());
        }
        return payloads;
    }

    /** Sends one command line (or a command and its payload) and returns HAProxy's answer, trailing newlines cut. */
    String command(String command) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SocketAddress target = socketAddress();
        if (target instanceof InetSocketAddress inet && inet.isUnresolved()) {
            throw new Unreachable(address, new IOException("unknown host " + inet.getHostString()));
        }
        try (SocketChannel channel = SocketChannel.open(family(target));
             Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            SelectionKey key = channel.register(selector, 0);
            if (!channel.connect(target)) {
                await(selector, key, SelectionKey.OP_CONNECT, deadline);
                channel.finishConnect();
            }
            ByteBuffer out = ByteBuffer.wrap((command.endsWith("\n") ? command : command + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) {
                    await(selector, key, SelectionKey.OP_WRITE, deadline);
                }
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(16 * 1024);
            while (true) {
                int read = channel.read(in);
                if (read < 0) {
                    break;
                }
                if (read == 0) {
                    await(selector, key, SelectionKey.OP_READ, deadline);
                    continue;
                }
                answer.write(in.array(), 0, in.position());
                in.clear();
                if (answer.size() > MAX_ANSWER) {
                    throw new Refused(firstWord(command), "an answer over " + MAX_ANSWER + " bytes");
                }
            }
            String text = answer.toString(StandardCharsets.UTF_8);
            int end = text.length();
            while (end > 0 && text.charAt(end - 1) == '\n') {
                end--;
            }
            return text.substring(0, end);
        } catch (IOException e) {
            throw new Unreachable(address, e);
        }
    }

    private void await(Selector selector, SelectionKey key, int operation, long deadline) throws IOException {
        key.interestOps(operation);
        long left = deadline - System.nanoTime();
        if (left <= 0 || selector.select(Math.max(1, left / 1_000_000)) == 0) {
            throw new SocketTimeoutException("no answer within " + timeout.toMillis() + " ms");
        }
        selector.selectedKeys().clear();
    }

    private static StandardProtocolFamily family(SocketAddress target) {
        if (target instanceof UnixDomainSocketAddress) {
            return StandardProtocolFamily.UNIX;
        }
        return ((InetSocketAddress) target).getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET;
    }

    private SocketAddress socketAddress() {
        if (address.startsWith("/")) {
            return UnixDomainSocketAddress.of(address);
        }
        int colon = address.lastIndexOf(':');
        String host = colon < 0 ? "" : address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = colon < 0 ? -1 : Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isEmpty() || port < 1 || port > 65_535) {
            throw new IllegalArgumentException("HAProxy's runtime API is host:port or the path of a unix socket, not '"
                    + address + "'.");
        }
        return new InetSocketAddress(host, port);
    }

    private static String checkMap(String map) {
        if (map == null || map.isEmpty() || map.startsWith("@") || map.length() > 4096
                || !map.chars().allMatch(c -> c > ' ' && c < 0x7f && c != ';' && c != '\\')) {
            throw new IllegalArgumentException("A map is named by its file path (no spaces, ';' or '\\').");
        }
        return map;
    }

    private static void expectNothing(String answer, String command) {
        if (!answer.isEmpty()) {
            throw new Refused(command, answer);
        }
    }

    private static String firstWord(String command) {
        int space = command.indexOf(' ');
        return space < 0 ? command : command.substring(0, space);
    }

    /** HAProxy's runtime API could not be reached or did not answer in time: the map was not changed by us. */
    public static final class Unreachable extends WikifarmException.Unavailable {
        Unreachable(String address, IOException cause) {
            super("haproxy_unreachable", "HAProxy's runtime API at " + address + " cannot be reached ("
                    + cause.getMessage() + "). Check the setting haproxyRuntime and HAProxy's 'stats socket' line.",
                    cause);
        }
    }

    /** HAProxy answered a command with an error (an unknown map, a stale version). */
    public static final class Refused extends WikifarmException.Unavailable {
        Refused(String command, String answer) {
            super("haproxy_refused", "HAProxy refused '" + command + "': " + answer.strip());
        }
    }
}
