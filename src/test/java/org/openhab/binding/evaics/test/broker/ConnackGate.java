/*
 * Copyright (c) 2010-2026 Contributors to the openHAB project
 *
 * See the NOTICE file(s) distributed with this work for additional
 * information.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License 2.0 which is available at
 * http://www.eclipse.org/legal/epl-2.0
 *
 * SPDX-License-Identifier: EPL-2.0
 */
package org.openhab.binding.evaics.test.broker;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.util.AttributeKey;

/**
 * Works around a race in Moquette 0.17 (still in its main branch in August 2026; no Moquette issue found): a client
 * whose first packet after the CONNACK (here the SUBSCRIBE of every client of the binding) is read before Moquette
 * has marked its connection as connected is disconnected at once ("SUBSCRIBE received on already closed connection"
 * in Moquette's log, "Connection lost (32109)" with an {@code EOFException} in Paho's).
 * <p>
 * Moquette marks the connection in a listener of its CONNACK write: the session loop hands the write to the
 * channel's Netty thread and then adds the listener. When the Netty thread has written the CONNACK before the
 * listener is added (the session loop's thread was descheduled in between: a loaded machine), Netty runs the
 * listener later, as a task of the channel's thread, which may read and hand Moquette the client's next packet
 * first. This handler, in every client pipeline just before Moquette's own, stops
 * reading from a client whose accepting CONNACK has been written while Moquette does not yet count it as connected,
 * and reads on once it does (it looks every millisecond, usually once or twice), or after {@link #MAX_HOLD} (then
 * Moquette decides as it would have). It reads nothing itself and lets every packet through unchanged.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@Sharable
@NonNullByDefault
final class ConnackGate extends ChannelDuplexHandler {

    /** As long as Moquette waits for a new client's CONNECT (its {@code netty.channel_timeout.seconds}). */
    static final Duration MAX_HOLD = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 1;
    /** Where Moquette's handler keeps the connection of a channel (NewNettyMQTTHandler). */
    private static final AttributeKey<@Nullable Object> CONNECTION = AttributeKey.valueOf("connection");
    private static final AttributeKey<@Nullable ChannelPromise> LATE = AttributeKey.valueOf("evaics-late-connack");
    private static final Method IS_CONNECTED = isConnectedMethod();
    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final String broker;
    private volatile boolean holdReads = true;
    private volatile Duration lateListeners = Duration.ZERO;
    private final AtomicInteger holds = new AtomicInteger();

    ConnackGate(String broker) {
        this.broker = broker;
    }

    /** For the tests: {@code false} lets Moquette's race through, to show that it is there. */
    void holdReads(boolean hold) {
        holdReads = hold;
    }

    /**
     * For the tests: Moquette's CONNACK listeners run late, as on a loaded machine: on the client's next packet
     * (after Moquette handled it) or after this long, whichever comes first. {@link Duration#ZERO} (the default):
     * when the CONNACK is written.
     */
    void lateConnackListeners(Duration late) {
        lateListeners = late;
    }

    /** How many clients it held back since the broker was made (each until Moquette counted it as connected). */
    int holds() {
        return holds.get();
    }

    @Override
    @NonNullByDefault({})
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) throws Exception {
        if (!(message instanceof MqttConnAckMessage ack)
                || ack.variableHeader().connectReturnCode() != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            ctx.write(message, promise);
            return;
        }
        Channel channel = ctx.channel();
        ChannelPromise written = promise;
        Duration late = lateListeners;
        if (!late.isZero()) {
            written = ctx.newPromise();
            written.addListener((ChannelFuture sent) -> {
                if (!sent.isSuccess()) {
                    promise.tryFailure(sent.cause());
                }
            });
            channel.attr(LATE).set(promise);
            ctx.executor().schedule(() -> completeLate(channel), late.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (holdReads) {
            // a listener added here, on the channel's thread, runs after Moquette's if Moquette's came in time
            written.addListener((ChannelFuture sent) -> {
                if (sent.isSuccess()) {
                    holdReadsUntilConnected(channel, System.nanoTime() + MAX_HOLD.toNanos());
                }
            });
        }
        ctx.write(message, written);
    }

    @Override
    @NonNullByDefault({})
    public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
        ctx.fireChannelRead(message);
        completeLate(ctx.channel());
    }

    private void holdReadsUntilConnected(Channel channel, long deadline) {
        if (!channel.isActive()) {
            return;
        }
        boolean connected = connected(channel);
        boolean held = !channel.config().isAutoRead();
        if (connected || System.nanoTime() - deadline > 0) {
            if (held) {
                channel.config().setAutoRead(true);
                long heldMillis = (System.nanoTime() - (deadline - MAX_HOLD.toNanos())) / 1_000_000;
                if (connected) {
                    LOGGER.debug("Embedded MQTT broker {}: held the reads of {} for {} ms, until Moquette counted it "
                            + "as connected", broker, channel.remoteAddress(), heldMillis);
                } else {
                    LOGGER.warn("Embedded MQTT broker {}: {} still not connected {} ms after its CONNACK; reading on",
                            broker, channel.remoteAddress(), heldMillis);
                }
            }
            return;
        }
        if (!held) {
            channel.config().setAutoRead(false);
            holds.incrementAndGet();
        }
        channel.eventLoop().schedule(() -> holdReadsUntilConnected(channel, deadline), POLL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private static void completeLate(Channel channel) {
        ChannelPromise late = channel.attr(LATE).getAndSet(null);
        if (late != null) {
            late.trySuccess();
        }
    }

    private static boolean connected(Channel channel) {
        Object connection = channel.attr(CONNECTION).get();
        if (connection == null) {
            return false;
        }
        try {
            return Boolean.TRUE.equals(IS_CONNECTED.invoke(connection));
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot ask Moquette whether a client is connected", e);
        }
    }

    private static Method isConnectedMethod() {
        try {
            Method method = Class.forName("io.moquette.broker.MQTTConnection").getDeclaredMethod("isConnected");
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Moquette has no MQTTConnection.isConnected(): check ConnackGate", e);
        }
    }

    @Override
    public String toString() {
        return "ConnackGate " + broker + (holdReads ? "" : " (not holding reads)");
    }
}
