package org.kiezwerk.gateway.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The time a caller has for a request's head (request line and headers), and for nothing at all
 * between two requests on a kept-alive connection. Vert.x hands a request to the gateway only once
 * its head has arrived whole, so a caller sending its head one byte a second never reaches
 * {@link FrontDoor} and holds no worker and no connection to a service — but it would hold its
 * connection for ever. Netty has no such timeout, so two small handlers on every connection keep
 * the clock: one before the HTTP decoder sees the bytes arrive, one after it sees each head
 * complete and each answer end. A head not complete within the head timeout gets a 408
 * problem+json and the connection is closed; an idle kept-alive connection is closed silently.
 *
 * <p>The server is armed by the first request it serves (the gateway sends itself one at start,
 * see {@link ConnectionGuard}): from then on each connection it accepts gets the clock.
 */
final class HeadTimeout {

    private static final Logger LOG = Logger.getLogger(HeadTimeout.class);
    static final String ACCEPTOR = "kiezwerk-head-timeout-acceptor";
    static final String BYTES = "kiezwerk-head-timeout-bytes";
    static final String HEADS = "kiezwerk-head-timeout-heads";
    /** Vert.x's names for its HTTP/1.x encoder in the connection's pipeline. */
    private static final String HTTP_ENCODER = "httpEncoder";
    private static final AttributeKey<Boolean> ARMED = AttributeKey.valueOf("kiezwerk.head-timeout.armed");

    private HeadTimeout() {
    }

    /** Arms the server that accepted this connection, once: every connection it accepts later gets a clock. */
    static boolean arm(Channel connection, Duration headTimeout, Duration keepAliveTimeout) {
        Channel server = connection.parent();
        if (server == null || server.attr(ARMED).setIfAbsent(Boolean.TRUE) != null) {
            return false;
        }
        server.pipeline().addFirst(ACCEPTOR, new Acceptor(headTimeout.toMillis(), keepAliveTimeout.toMillis()));
        LOG.debugf("head timeout %s, keep-alive timeout %s on %s", headTimeout, keepAliveTimeout, server.localAddress());
        return true;
    }

    /** On the server channel: sees each accepted connection before Vert.x sets it up, and puts the clock first in line. */
    @ChannelHandler.Sharable
    static final class Acceptor extends ChannelInboundHandlerAdapter {
        private final long headMillis;
        private final long keepAliveMillis;

        Acceptor(long headMillis, long keepAliveMillis) {
            this.headMillis = headMillis;
            this.keepAliveMillis = keepAliveMillis;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel connection) {
                connection.pipeline().addFirst(BYTES, new Bytes(new Clock(headMillis, keepAliveMillis)));
            }
            ctx.fireChannelRead(msg);
        }
    }

    /**
     * One connection's clock. All of it runs on the connection's event loop. Timers: HEAD (a head has
     * begun, or the connection is new; 408 if bytes of it came), IDLE (between two requests; closed
     * silently), TAIL (an answer went out before the caller finished sending its body; closed silently).
     */
    static final class Clock {
        private enum Kind { HEAD, IDLE, TAIL }

        private final long headMillis;
        private final long keepAliveMillis;
        private ChannelHandlerContext heads;
        private ScheduledFuture<?> timer;
        private Kind kind;
        /** Requests whose head has arrived and whose answer has not ended yet. */
        private int open;
        /** The latest request's body is still arriving. */
        private boolean bodyOpen;
        /** Bytes of a head that has not arrived whole yet (a 408 is owed when time is up). */
        private boolean headBegun;

        Clock(long headMillis, long keepAliveMillis) {
            this.headMillis = headMillis;
            this.keepAliveMillis = keepAliveMillis;
        }

        void connected(ChannelHandlerContext bytes) {
            if (bytes.pipeline().get(HTTP_ENCODER) == null) {
                // not a plain HTTP/1.x connection (TLS still shaking hands, HTTP/2): no clock for it
                return;
            }
            Heads handler = new Heads(this);
            bytes.pipeline().addAfter(HTTP_ENCODER, HEADS, handler);
            heads = bytes.pipeline().context(handler);
            start(Kind.HEAD, headMillis);
        }

        void bytesArrived(ChannelHandlerContext ctx) {
            if (heads == null || bodyOpen) {
                return;
            }
            if (open == 0) {
                headBegun = true;
            }
            if (kind != Kind.HEAD) {
                // the first byte of the next head (after an idle pause, or pipelined behind an answer)
                start(Kind.HEAD, headMillis);
            }
        }

        void headArrived(boolean withBody) {
            open++;
            bodyOpen = withBody;
            headBegun = false;
            stop();
        }

        void bodyArrived() {
            bodyOpen = false;
            if (open == 0) {
                idle();
            }
        }

        void answerEnded() {
            if (open > 0) {
                open--;
            }
            if (open == 0) {
                if (bodyOpen) {
                    start(Kind.TAIL, headMillis);
                } else {
                    idle();
                }
            }
        }

        void closed() {
            stop();
        }

        private void idle() {
            headBegun = false;
            start(Kind.IDLE, keepAliveMillis);
        }

        private void start(Kind next, long millis) {
            stop();
            kind = next;
            timer = heads.executor().schedule(this::timeUp, millis, TimeUnit.MILLISECONDS);
        }

        private void stop() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
            kind = null;
        }

        private void timeUp() {
            Channel channel = heads.channel();
            if (!channel.isActive()) {
                return;
            }
            if (kind == Kind.HEAD && headBegun && open == 0) {
                LOG.debugf("%s: request head not complete after %d ms; 408", channel.remoteAddress(), headMillis);
                // written past the Vert.x connection, which has seen no request: the encoder is next in line
                heads.writeAndFlush(headTooSlow(headMillis)).addListener(ChannelFutureListener.CLOSE);
            } else {
                channel.close();
            }
            timer = null;
            kind = null;
        }
    }

    /** First in line: sees the bytes as they arrive, before the HTTP decoder. */
    static final class Bytes extends ChannelInboundHandlerAdapter {
        private final Clock clock;

        Bytes(Clock clock) {
            this.clock = clock;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            // by now Vert.x has set the connection up behind this handler
            clock.connected(ctx);
            super.channelActive(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buffer && buffer.isReadable()) {
                clock.bytesArrived(ctx);
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            clock.closed();
            super.channelInactive(ctx);
        }
    }

    /** After the HTTP decoder (and encoder): sees each head complete, each body end and each answer end. */
    static final class Heads extends ChannelDuplexHandler {
        private final Clock clock;

        Heads(Clock clock) {
            this.clock = clock;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                clock.headArrived(!(msg instanceof LastHttpContent));
            } else if (msg instanceof LastHttpContent) {
                clock.bodyArrived();
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            boolean informational = msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
            if (msg instanceof LastHttpContent && !informational) {
                clock.answerEnded();
            }
            ctx.write(msg, promise);
        }
    }

    static FullHttpResponse headTooSlow(long headMillis) {
        byte[] body = GatewayProblems.headTooSlow(Duration.ofMillis(headMillis)).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, GatewayProblems.MEDIA_TYPE)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, "close")
                .set(RequestIds.HEADER, UUID.randomUUID().toString())
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer")
                .set("Content-Security-Policy", SecurityHeaders.POLICY);
        return response;
    }
}
