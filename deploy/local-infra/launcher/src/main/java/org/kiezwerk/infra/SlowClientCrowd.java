package org.kiezwerk.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Greedy clients for the gateway's tests and its slow-clients benchmark (one implementation for
 * both): slow bodies (a complete head with an API key, then the body one byte a second), slow heads
 * (one byte a second) and idle connections (nothing at all), all on one thread with non-blocking
 * sockets, from other loopback addresses than a normal caller (127.0.0.2 and 127.0.0.3, as they
 * would come from other machines). Each connection the gateway closes is recorded (its answer, how
 * long it was held) and opened again at once. Run it on a thread; set {@link #stop} to end it.
 */
public final class SlowClientCrowd implements Runnable {

    public enum Kind { SLOW_BODY, SLOW_HEAD, IDLE }

    /** How one connection ended: what the gateway answered (empty if it closed silently), after how long. */
    public record Ended(String answer, double heldSeconds) {
        public String statusLine() {
            return answer.isEmpty() ? "closed without an answer" : answer.substring(0, Math.max(0, answer.indexOf("\r\n")));
        }
    }

    private final InetSocketAddress gateway;
    private final String apiKey;
    private final int slowClients;
    private final int idleConnections;
    private final String slowHeadPath;
    private final String slowBodyPath;
    public volatile boolean stop;
    public final AtomicInteger open = new AtomicInteger();
    public final AtomicLong connectFailures = new AtomicLong();
    public final Map<Kind, List<Ended>> ended = new ConcurrentHashMap<>();

    private final class Connection {
        final Kind kind;
        final SocketChannel channel;
        final byte[] script;
        int sent;
        final long opened = System.nanoTime();
        final StringBuilder answer = new StringBuilder();

        Connection(Kind kind, SocketChannel channel, byte[] script) {
            this.kind = kind;
            this.channel = channel;
            this.script = script;
        }
    }

    /** Half the slow clients send slow bodies (POST to slowBodyPath with the API key), half slow heads (GET slowHeadPath). */
    public SlowClientCrowd(InetSocketAddress gateway, String apiKey, int slowClients, int idleConnections, String slowHeadPath,
            String slowBodyPath) {
        this.gateway = gateway;
        this.apiKey = apiKey;
        this.slowClients = slowClients;
        this.idleConnections = idleConnections;
        this.slowHeadPath = slowHeadPath;
        this.slowBodyPath = slowBodyPath;
    }

    public List<Ended> ended(Kind kind) {
        return ended.getOrDefault(kind, List.of());
    }

    @Override
    public void run() {
        List<Connection> slow = new ArrayList<>();
        List<Kind> reopen = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < slowClients; i++) {
                reopen.add(i % 2 == 0 ? Kind.SLOW_BODY : Kind.SLOW_HEAD);
            }
            for (int i = 0; i < idleConnections; i++) {
                reopen.add(Kind.IDLE);
            }
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            long nextByte = System.nanoTime() + 1_000_000_000L;
            while (!stop) {
                for (int i = reopen.size() - 1; i >= 0; i--) {
                    try {
                        Connection again = open(selector, reopen.get(i));
                        if (again.kind != Kind.IDLE) {
                            slow.add(again);
                        }
                        reopen.remove(i);
                    } catch (IOException refused) {
                        break; // counted; tried again on the next round
                    }
                }
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    buffer.clear();
                    int n;
                    try {
                        n = connection.channel.read(buffer);
                    } catch (IOException reset) {
                        n = -1;
                    }
                    if (n > 0) {
                        connection.answer.append(new String(buffer.array(), 0, n, StandardCharsets.ISO_8859_1));
                    } else if (n < 0) {
                        key.cancel();
                        ended(connection);
                        slow.remove(connection);
                        reopen.add(connection.kind);
                    }
                }
                selector.selectedKeys().clear();
                if (System.nanoTime() >= nextByte) { // one byte a second per slow client
                    nextByte += 1_000_000_000L;
                    for (Connection connection : slow) {
                        if (connection.sent < connection.script.length && connection.channel.isOpen()) {
                            try {
                                connection.channel.write(ByteBuffer.wrap(connection.script, connection.sent++, 1));
                            } catch (IOException closed) {
                                // the gateway hung up: the read side records it
                            }
                        }
                    }
                }
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection open(Selector selector, Kind kind) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.bind(new InetSocketAddress(InetAddress.getByName(kind == Kind.IDLE ? "127.0.0.3" : "127.0.0.2"), 0));
            channel.connect(gateway);
        } catch (IOException e) {
            connectFailures.incrementAndGet();
            channel.close();
            throw e;
        }
        channel.configureBlocking(false);
        String body = "{\"name\":\"Zeitlupe\",\"kind\":\"association\",\"description\":\"" + "z".repeat(140) + "\"}";
        byte[] script = switch (kind) {
            case SLOW_HEAD -> ("GET " + slowHeadPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            case SLOW_BODY -> ("POST " + slowBodyPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + apiKey
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII);
            case IDLE -> new byte[0];
        };
        Connection connection = new Connection(kind, channel, script);
        if (kind == Kind.SLOW_BODY) { // the head at once, then the body byte by byte
            int head = new String(script, StandardCharsets.US_ASCII).indexOf("\r\n\r\n") + 4;
            ByteBuffer first = ByteBuffer.wrap(script, 0, head);
            while (first.hasRemaining()) {
                channel.write(first);
            }
            connection.sent = head;
        }
        channel.register(selector, SelectionKey.OP_READ, connection);
        open.incrementAndGet();
        return connection;
    }

    private void ended(Connection connection) throws IOException {
        open.decrementAndGet();
        connection.channel.close();
        ended.computeIfAbsent(connection.kind, k -> new CopyOnWriteArrayList<>())
                .add(new Ended(connection.answer.toString(), (System.nanoTime() - connection.opened) / 1e9));
    }
}
