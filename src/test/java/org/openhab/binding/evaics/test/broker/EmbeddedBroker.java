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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.FutureTask;

import javax.net.ssl.SSLException;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.LoggerFactory;

import io.moquette.BrokerConstants;
import io.moquette.broker.ISslContextCreator;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptExceptionMessage;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * An MQTT broker inside the JVM (Moquette 0.17): nothing to install. The demo uses it, and so do the tests where
 * mosquitto is not installed ({@link TestBroker#start(BrokerOptions)}). It listens on 127.0.0.1 only, on a port
 * picked at the first start and kept across {@link #stop()} and {@link #start()}, keeps everything in memory (no
 * files, so a restart forgets retained messages as mosquitto with {@code persistence false} does) and sends nothing
 * anywhere (Moquette's telemetry is off). Users, TLS and client certificates are served through Moquette's
 * authenticator and SSL context hooks. Two races of Moquette 0.17 that drop or stop serving clients on a loaded
 * machine are worked around here (its dying session loops: {@link LoopErrors}; a packet read before Moquette counts
 * its client as connected: {@link ConnackGate}); how it differs from mosquitto is in docs/development.md.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class EmbeddedBroker implements TestBroker {

    /**
     * MQTT's largest packet (remaining length 268,435,455 bytes), as mosquitto's default {@code message_size_limit}:
     * the tests send messages above the binding's own limit through the broker.
     */
    private static final int MAX_MESSAGE_BYTES = 268_435_455;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final long PORT_POLL_MILLIS = 5;
    private static final int CONNECT_TIMEOUT_MILLIS = 1000;
    private static final int LOG_LINES = 40;

    private final BrokerOptions options;
    private final int port;
    private final List<String> log = new ArrayList<>();
    private final ConnackGate connackGate;
    private volatile @Nullable Server server;

    private EmbeddedBroker(BrokerOptions options) {
        if (!options.extraLines.isEmpty()) {
            throw new IllegalArgumentException("mosquitto.conf lines need mosquitto: " + options.extraLines);
        }
        this.options = options.copy();
        // a port chosen here: asking Moquette 0.17 for the port it bound races with its netty thread (a HashMap
        // written by both, ConcurrentModificationException)
        this.port = MosquittoBroker.freePort();
        this.connackGate = new ConnackGate(uri());
    }

    /** Starts a broker on a free loopback port with these options and waits until it listens. */
    public static EmbeddedBroker start(BrokerOptions options) {
        EmbeddedBroker broker = new EmbeddedBroker(options);
        broker.start();
        return broker;
    }

    @Override
    public String kind() {
        return "embedded";
    }

    /** {@code Moquette 0.17}, from the version Maven recorded in Moquette's jar. */
    @Override
    public String version() {
        try (InputStream in = Server.class
                .getResourceAsStream("/META-INF/maven/io.moquette/moquette-broker/pom.properties")) {
            Properties pom = new Properties();
            if (in != null) {
                pom.load(in);
            }
            return "Moquette " + pom.getProperty("version", "(version unknown)");
        } catch (IOException e) {
            return "Moquette (version unknown)";
        }
    }

    /** Moquette's {@code netty.tcp_nodelay}: on unless the options turn it off (Moquette's default is on). */
    @Override
    public boolean tcpNoDelay() {
        return !Boolean.FALSE.equals(options.tcpNoDelay);
    }

    /**
     * Starts the broker (again, on the same port) and waits until it listens.
     *
     * @throws UncheckedIOException if it cannot start
     */
    @Override
    public synchronized EmbeddedBroker start() {
        if (server != null) {
            return this;
        }
        Server started = new Server();
        // set before the start, so that stop() stops the server if the start fails
        server = started;
        try {
            started.startServer(new MemoryConfig(properties()), List.of(new LoopErrors()), sslContextCreator(), authenticator(),
                    null);
            installConnackGate(started);
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("the embedded MQTT broker did not start", e);
        } catch (ReflectiveOperationException e) {
            stop();
            throw new IllegalStateException("cannot put the CONNACK gate into this Moquette's pipelines", e);
        }
        // the bind may complete just after startServer returns
        if (!awaitAccepting(true, options.startTimeout)) {
            stop();
            throw new IllegalStateException("the embedded MQTT broker did not listen on " + HOST + ":" + port
                    + " within " + options.startTimeout);
        }
        note("started on " + uri());
        BrokerTally.started(kind());
        return this;
    }

    /**
     * Puts {@link #connackGate} into the pipeline of every client channel Moquette makes from now on, just before
     * Moquette's own handler: through the slot of the acceptor's optional metrics handler, which Moquette reads for
     * each new channel and leaves empty without {@code use_metrics}. Called before any client connects.
     */
    private void installConnackGate(Server started) throws ReflectiveOperationException {
        Object acceptor = LoopErrors.field(started, "acceptor");
        Field slot = acceptor.getClass().getDeclaredField("metrics");
        slot.setAccessible(true);
        Object before = slot.get(acceptor);
        if (!(before instanceof Optional<?> empty) || empty.isPresent()) {
            throw new IllegalStateException("Moquette's metrics handler slot is not empty: " + before);
        }
        slot.set(acceptor, Optional.of(connackGate));
    }

    /** The gate in front of Moquette's handler, for its tests. */
    ConnackGate connackGate() {
        return connackGate;
    }

    /**
     * Moquette 0.17 serves each session on one of its session event loops (one thread per CPU; a client's loop is
     * chosen by the hash of its client id). A command that throws ends its loop's thread for good (Moquette issue
     * 933, fixed by its pull request 957 after 0.17): every client whose id hashes to that loop is never answered
     * again (no CONNACK: "Connection lost (32109)" after Moquette's 10 s, or no connection at all), until the broker
     * stops. Under load this happens in the tests (a session command races with its client's disconnect). Here the
     * death is noted with its cause, and the loop is replaced by a new thread on the same queue, as Moquette itself
     * does since that fix: the one command that threw is lost, every other client goes on being served.
     */
    private final class LoopErrors extends AbstractInterceptHandler {
        @Override
        public String getID() {
            return "evaics-test-session-loop-revival";
        }

        @Override
        @NonNullByDefault({})
        public Class<?>[] getInterceptedMessageTypes() {
            return new Class<?>[] { InterceptExceptionMessage.class };
        }

        /** Called by the dying loop's own thread (its uncaught exception handler), before it ends. */
        @Override
        public void onSessionLoopError(@Nullable Throwable error) {
            Thread dying = Thread.currentThread();
            String cause = error == null ? "no cause" : describe(error);
            String revived;
            try {
                revived = revive(dying);
            } catch (ReflectiveOperationException | RuntimeException e) {
                revived = "not replaced: " + e;
            }
            String message = "session loop " + dying.getName() + " died (" + cause + "); " + revived;
            note(message);
            LoggerFactory.getLogger(EmbeddedBroker.class).warn("Embedded MQTT broker {}: {}", uri(), message);
        }

        private String revive(Thread dying) throws ReflectiveOperationException {
            Server running = server;
            if (running == null) {
                return "the broker is stopped";
            }
            Object postOffice = field(running, "dispatcher");
            Object group = field(postOffice, "sessionLoops");
            Thread[] loops = (Thread[]) field(group, "sessionExecutors");
            Object[] queues = (Object[]) field(group, "sessionQueues");
            for (int i = 0; i < loops.length; i++) {
                if (loops[i] == dying) {
                    Constructor<?> make = Class.forName("io.moquette.broker.SessionEventLoop")
                            .getConstructor(BlockingQueue.class);
                    make.setAccessible(true);
                    Thread replacement = (Thread) make.newInstance(queues[i]);
                    replacement.setName(dying.getName());
                    replacement.setUncaughtExceptionHandler(dying.getUncaughtExceptionHandler());
                    loops[i] = replacement;
                    ((Map<?, ?>) field(group, "loopThrownExceptions")).remove(dying.getName());
                    replacement.start();
                    return "replaced by a new thread on its queue";
                }
            }
            return "not replaced: not one of the broker's loops";
        }

        private static Object field(Object owner, String name) throws ReflectiveOperationException {
            Field field = owner.getClass().getDeclaredField(name);
            field.setAccessible(true);
            Object value = field.get(owner);
            if (value == null) {
                throw new NoSuchFieldException(name + " is null");
            }
            return value;
        }

        private static String describe(Throwable error) {
            StringBuilder text = new StringBuilder();
            Throwable cause = error;
            for (int depth = 0; cause != null && depth < 4; depth++) {
                text.append(depth == 0 ? "" : " <- ").append(cause);
                StackTraceElement[] frames = cause.getStackTrace();
                if (frames.length > 0) {
                    text.append(" at ").append(frames[0]);
                }
                cause = cause.getCause();
            }
            return text.toString();
        }
    }

    /**
     * Makes one command throw on each of Moquette's session loops, as Moquette's own failures do (tests of
     * {@link LoopErrors}).
     *
     * @return the session loop threads before
     */
    synchronized List<Thread> failOneCommandPerSessionLoop() throws ReflectiveOperationException {
        Server running = server;
        if (running == null) {
            throw new IllegalStateException("the broker is stopped");
        }
        Object group = LoopErrors.field(LoopErrors.field(running, "dispatcher"), "sessionLoops");
        List<Thread> before = List.of(((Thread[]) LoopErrors.field(group, "sessionExecutors")).clone());
        for (Object queue : (Object[]) LoopErrors.field(group, "sessionQueues")) {
            FutureTask<String> failing = new FutureTask<>(() -> {
                throw new IllegalStateException("a session command failed (test)");
            });
            @SuppressWarnings("unchecked")
            BlockingQueue<FutureTask<String>> commands = (BlockingQueue<FutureTask<String>>) queue;
            commands.add(failing);
        }
        return before;
    }

    /** Moquette's session loop threads now. */
    synchronized List<Thread> sessionLoops() throws ReflectiveOperationException {
        Server running = server;
        if (running == null) {
            throw new IllegalStateException("the broker is stopped");
        }
        Object group = LoopErrors.field(LoopErrors.field(running, "dispatcher"), "sessionLoops");
        return List.of(((Thread[]) LoopErrors.field(group, "sessionExecutors")).clone());
    }

    private Properties properties() {
        Properties config = new Properties();
        config.setProperty(IConfig.HOST_PROPERTY_NAME, HOST);
        if (options.tls != null) {
            config.setProperty(IConfig.PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
            config.setProperty(IConfig.SSL_PORT_PROPERTY_NAME, Integer.toString(port));
            config.setProperty(BrokerConstants.NEED_CLIENT_AUTH, Boolean.toString(options.requireCertificate));
        } else {
            config.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        }
        config.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        config.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, Boolean.toString(options.allowAnonymous));
        config.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, Boolean.FALSE.toString());
        config.setProperty(IConfig.ENABLE_TELEMETRY_NAME, Boolean.FALSE.toString());
        config.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_MESSAGE_BYTES));
        config.setProperty(BrokerConstants.NETTY_TCP_NODELAY_PROPERTY_NAME, Boolean.toString(tcpNoDelay()));
        // every message goes out at once instead of waiting for Moquette's periodic flush
        config.setProperty(IConfig.BUFFER_FLUSH_MS_PROPERTY_NAME,
                Integer.toString(BrokerConstants.IMMEDIATE_BUFFER_FLUSH));
        return config;
    }

    /** Without users anyone may connect (with any name), as with mosquitto without a password file. */
    private IAuthenticator authenticator() {
        Map<String, String> users = options.users;
        return (clientId, user, password) -> users.isEmpty() || (user != null && password != null
                && new String(password, StandardCharsets.UTF_8).equals(users.get(user)));
    }

    private @Nullable ISslContextCreator sslContextCreator() {
        TestBroker.TlsFiles tls = options.tls;
        if (tls == null) {
            return null;
        }
        return () -> {
            try {
                return SslContextBuilder.forServer(tls.certFile().toFile(), tls.keyFile().toFile())
                        .trustManager(tls.caFile().toFile())
                        .clientAuth(options.requireCertificate ? ClientAuth.REQUIRE : ClientAuth.NONE).build();
            } catch (SSLException e) {
                throw new IllegalStateException("cannot read the TLS files " + tls, e);
            }
        };
    }

    private boolean awaitAccepting(boolean accepting, Duration limit) {
        return TestBroker.awaitAccepting(port, accepting, limit, CONNECT_TIMEOUT_MILLIS, PORT_POLL_MILLIS);
    }

    /**
     * Stops the broker: returns once it no longer accepts connections (Netty closes the listener and every client
     * connection first), as mosquitto's exit does; Netty's quiet period of about two seconds, after which its
     * threads end, runs on in the background. The port is kept for {@link #start()}.
     */
    @Override
    public synchronized void stop() {
        Server running = server;
        server = null;
        if (running == null) {
            return;
        }
        Thread stopper = new Thread(running::stopServer, "embedded-broker-stop-" + port);
        stopper.setDaemon(true);
        stopper.start();
        if (!awaitAccepting(false, STOP_TIMEOUT)) {
            throw new IllegalStateException("the embedded MQTT broker still listens on " + HOST + ":" + port + " "
                    + STOP_TIMEOUT + " after it was stopped");
        }
        note("stopped");
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String uri() {
        return (options.tls != null ? "ssl://" : "tcp://") + HOST + ":" + port;
    }

    /** Its starts and stops: Moquette itself logs through SLF4J (target/surefire-reports). */
    @Override
    public synchronized String logTail() {
        return String.join("\n", log.subList(Math.max(0, log.size() - LOG_LINES), log.size()));
    }

    private synchronized void note(String event) {
        log.add(LocalTime.now() + " " + event);
    }

    /** Stops the broker. Idempotent. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "embedded MQTT broker (Moquette) " + uri() + (isRunning() ? "" : " (stopped)");
    }
}
