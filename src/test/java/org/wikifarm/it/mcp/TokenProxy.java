package org.wikifarm.it.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy that adds a wiki's bearer token to every request, as a credential-holding gateway in front of
 * an MCP server does (mcp-remote, an assistant's connector). It exists for the MCP conformance suite, which cannot
 * send a token. Everything else passes unchanged, Host and Origin included, so the server still judges each request
 * itself (the DNS-rebinding scenario sends a foreign Host and Origin through it). Each request gets
 * {@code Connection: close}, so one connection carries one request and the proxy never parses a response.
 */
final class TokenProxy implements AutoCloseable {
    private static final int MAX_HEAD = 64 * 1024;

    private final URI target;
    private final String token;
    private final ServerSocket server;
    private final AtomicInteger requests = new AtomicInteger();

    TokenProxy(URI target, String token) throws IOException {
        this.target = target;
        this.token = token;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::accept, "token-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    String base() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread connection = new Thread(() -> serve(client), "token-proxy-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; Socket upstream = new Socket(target.getHost(), target.getPort())) {
            InputStream in = client.getInputStream();
            byte[] head = readHead(in);
            if (head == null) {
                return;
            }
            requests.incrementAndGet();
            OutputStream toServer = upstream.getOutputStream();
            toServer.write(rewrite(new String(head, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1));
            toServer.flush();
            Thread body = new Thread(() -> pump(in, toServer), "token-proxy-body");
            body.setDaemon(true);
            body.start();
            pump(upstream.getInputStream(), client.getOutputStream());
        } catch (IOException e) {
            // The client or the server went away: nothing to answer.
        }
    }

    private String rewrite(String head) {
        StringBuilder out = new StringBuilder();
        String[] lines = head.split("\r\n");
        out.append(lines[0]).append("\r\n");
        for (int i = 1; i < lines.length; i++) {
            String name = lines[i].contains(":") ? lines[i].substring(0, lines[i].indexOf(':')).strip()
                    .toLowerCase(Locale.ROOT) : "";
            if (!name.equals("authorization") && !name.equals("connection") && !name.equals("keep-alive")) {
                out.append(lines[i]).append("\r\n");
            }
        }
        return out.append("Authorization: Bearer ").append(token).append("\r\nConnection: close\r\n\r\n").toString();
    }

    /** The request line and headers, up to the blank line; the body stays in the stream. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() > MAX_HEAD) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        byte[] bytes = head.toByteArray();
        return java.util.Arrays.copyOf(bytes, bytes.length - 4);
    }

    private static void pump(InputStream from, OutputStream to) {
        byte[] buffer = new byte[8192];
        try {
            for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // One side closed; the caller closes both.
        }
    }
}
