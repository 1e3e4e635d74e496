package com.mobilityha.localstack.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One HTTP/1.1 exchange on its own socket, bound to a chosen local address: on loopback, {@code 127.0.0.2}
 * reaches a service listening on {@code 127.0.0.1} as a peer other than the site's ingress. The body is sent
 * with {@code Content-Length} or {@link Framing#CHUNKED chunked}, on another thread while the answer is read,
 * as a browser or a phone's HTTP stack does: a server that answers before the body is all sent is heard.
 */
public final class RawHttp {
    private static final int CHUNK = 8192;

    private final InetAddress localAddress;
    private final Duration timeout;

    private RawHttp(InetAddress localAddress, Duration timeout) {
        this.localAddress = localAddress;
        this.timeout = timeout;
    }

    /** Exchanges from this local address, e.g. {@code 127.0.0.2}. */
    public static RawHttp from(String localAddress, Duration timeout) {
        try {
            return new RawHttp(InetAddress.getByName(localAddress), timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How the body is framed. */
    public enum Framing {
        CONTENT_LENGTH,
        /** {@code Transfer-Encoding: chunked}, no length announced. */
        CHUNKED
    }

    /** The answer: status, headers (names in lower case) and body as text. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Sends {@code method url} with these headers and body; the connection is closed afterwards. */
    public Answer send(String method, String url, Map<String, String> headers, byte[] body, Framing framing) {
        URI uri = URI.create(url);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            StringBuilder head = new StringBuilder(method + " " + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                    .append("Connection: close\r\n")
                    .append(framing == Framing.CHUNKED ? "Transfer-Encoding: chunked\r\n"
                            : "Content-Length: " + body.length + "\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> writeBody(out, body, framing));
            Answer answer = read(new BufferedInputStream(socket.getInputStream()));
            sent.exceptionally(refusedMidway -> null).join();
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + " failed", e);
        }
    }

    /** Writes the body; a server that answered and closed before the end stops it (that is its right). */
    private static void writeBody(OutputStream out, byte[] body, Framing framing) {
        try {
            for (int offset = 0; offset < body.length; offset += CHUNK) {
                int length = Math.min(CHUNK, body.length - offset);
                if (framing == Framing.CHUNKED) {
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write(body, offset, length);
                if (framing == Framing.CHUNKED) {
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            if (framing == Framing.CHUNKED) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.flush();
        } catch (IOException closedByServer) {
            // the answer, already on its way, is what counts
        }
    }

    private static Answer read(InputStream in) throws IOException {
        String[] status = line(in).split(" ", 3);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                chunks.write(in.readNBytes(size));
                line(in);
            }
            body = chunks.toByteArray();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new Answer(Integer.parseInt(status[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("connection closed mid-answer after: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
