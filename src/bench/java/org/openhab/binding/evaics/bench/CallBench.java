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
package org.openhab.binding.evaics.bench;

import java.time.Duration;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.bench.CallDriver.PipelineResult;
import org.openhab.binding.evaics.bench.CallDriver.PipelineRun;
import org.openhab.binding.evaics.bench.CallDriver.SerialResult;
import org.openhab.binding.evaics.bench.CallDriver.SerialRun;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;
import org.openhab.binding.evaics.test.broker.MosquittoBroker;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.sim.EvaSimulator;

import com.google.gson.JsonObject;

/**
 * The call benchmarks on one broker setting (issue 5, items 1 to 3): the raw echo floor, the binding's RPC client
 * and the EVA-style client, each serial and pipelined, all against the same broker and, for the two RPC clients, the
 * same simulated controller. Everything travels at QoS 0 both ways, so that the comparison with the floor (whose
 * payloads have the sizes of the RPC client's {@code test} request and the controller's answer, measured on the
 * wire) shows the client's own cost: the controller answers at QoS 0, as an EVA notifier with {@code system} QoS 0
 * does. Beside that, the binding's client is measured against a second controller answering at EVA's default QoS 1,
 * which on a broker without {@code set_tcp_nodelay} costs about 40 ms per call (Nagle on the broker's socket to the
 * controller, waiting for the controller's delayed ACK of the PUBACK), and so is an EVA-style client with all of
 * EVA's defaults (requests at QoS 1 too): what a user would get from EVA's own client.
 * <p>
 * All clients are connected at once and take turns round by round (see {@link CallDriver}).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class CallBench {

    static final String KEY_ID = "default";
    static final String API_KEY = "bench-rpc-key-Xb7pQ2mK9vL4sT8wR1zN6cY3";
    static final ControllerId CONTROLLER = new ControllerId("uc", "bench");
    /** A second controller on the same broker that answers at EVA's default QoS. */
    static final ControllerId CONTROLLER_QOS1 = new ControllerId("uc", "bench-qos1");
    /** The QoS of the measured calls, both ways, as the floor's: the binding calls at QoS 0. */
    static final int CALL_QOS = 0;
    /** EVA answers at QoS 1 unless its notifier's {@code system} QoS is set otherwise (protocol.md §1). */
    static final int EVA_DEFAULT_ANSWER_QOS = 1;
    /** EVA's own client subscribes to each response topic at QoS 1 (protocol.md §6.5). */
    private static final int EVA_SUBSCRIBE_QOS = 1;
    /** Requests at the binding's QoS, so that only the subscription pattern differs. */
    private static final int EVA_PUBLISH_QOS = 0;
    /** EVA's client publishes its requests at QoS 1 by default (protocol.md §6.5). */
    private static final int EVA_DEFAULT_PUBLISH_QOS = 1;
    /** The simulator keeps a request log for tests; the benchmark needs none. */
    private static final int REQUEST_LOG_CAPACITY = 1;
    private static final String UNIT = "bench/lamp1";
    private static final int WARMUP_BUDGET_DIVISOR = 2;

    /** Serial and pipelined results of one client. */
    record ClientResult(String name, SerialResult serial, PipelineResult pipelined) {
    }

    /** One broker setting's results. */
    record Result(boolean brokerNoDelay, ClientResult floor, ClientResult rpc, ClientResult evaStyle,
            ClientResult rpcAnswersQos1, ClientResult evaStyleQos1, FrameSizes sizes, long simulatorUndecodable) {
    }

    /** A client under test with its gathered measurements. */
    private record Client(String name, CallDriver.AsyncCall call, SerialRun serial, PipelineRun pipelined) {

        ClientResult result() {
            return new ClientResult(name, serial.result(), pipelined.result());
        }
    }

    private CallBench() {
    }

    static Result run(boolean brokerNoDelay, BenchPlan plan) throws Exception {
        String setting = brokerNoDelay ? "set_tcp_nodelay true" : "mosquitto defaults";
        EvaTopics topics = new EvaTopics("");
        try (MosquittoBroker broker = MosquittoBroker.start(TestBroker.options().tcpNoDelay(brokerNoDelay));
                EvaSimulator controller = simulator(broker, CONTROLLER, CALL_QOS);
                EvaSimulator controllerQos1 = simulator(broker, CONTROLLER_QOS1, EVA_DEFAULT_ANSWER_QOS)) {
            FrameSizes sizes = FrameSizes.measure(broker.uri(), topics, CONTROLLER, KEY_ID, API_KEY);
            BenchMain.log("calls on %s (%s): request %d B, answer %d B", broker, setting, sizes.requestBytes(),
                    sizes.responseBytes());
            try (FloorEcho floor = new FloorEcho(broker.uri(), sizes.requestBytes(), sizes.responseBytes());
                    OurRpcClient rpc = new OurRpcClient(broker.uri(), topics, CONTROLLER, KEY_ID, API_KEY);
                    EvaStyleClient eva = new EvaStyleClient(broker.uri(), topics, CONTROLLER, KEY_ID, API_KEY,
                            EVA_SUBSCRIBE_QOS, EVA_PUBLISH_QOS);
                    OurRpcClient rpcQos1 = new OurRpcClient(broker.uri(), topics, CONTROLLER_QOS1, KEY_ID,
                            API_KEY);
                    EvaStyleClient evaQos1 = new EvaStyleClient(broker.uri(), topics, CONTROLLER_QOS1, KEY_ID,
                            API_KEY, EVA_SUBSCRIBE_QOS, EVA_DEFAULT_PUBLISH_QOS)) {
                List<Client> clients = List.of(client("floor", floor::call, plan),
                        client("rpc", rpc::test, plan),
                        client("rpc_eva_style", () -> eva.call("test", new JsonObject()), plan),
                        client("rpc, EVA answers at QoS 1", rpcQos1::test, plan),
                        client("rpc_eva_style, all at QoS 1", () -> evaQos1.call("test", new JsonObject()), plan));
                CpuMeter cpu = new CpuMeter(broker.logFile().getParent());
                measure(clients, plan, cpu);
                for (Client client : clients) {
                    ClientResult result = client.result();
                    BenchMain.log("  %-26s serial: %s", client.name(), CallDriver.describe(result.serial()));
                    BenchMain.log("  %-26s pipelined: %s", client.name(), CallDriver.describe(result.pipelined()));
                }
                long undecodable = undecodable(controller) + undecodable(controllerQos1);
                if (undecodable > 0) {
                    BenchMain.log("  the simulators could not decode %d requests", undecodable);
                }
                return new Result(brokerNoDelay, clients.get(0).result(), clients.get(1).result(),
                        clients.get(2).result(), clients.get(3).result(), clients.get(4).result(), sizes,
                        undecodable);
            }
        }
    }

    private static Client client(String name, CallDriver.AsyncCall call, BenchPlan plan) {
        return new Client(name, call, new SerialRun(plan.serialCalls()), new PipelineRun(plan.pipelineWindow()));
    }

    /** Warm-up, then serial rounds, then pipelined rounds; in every round each client takes its turn. */
    private static void measure(List<Client> clients, BenchPlan plan, CpuMeter cpu) {
        for (Client client : clients) {
            CallDriver.warmUp(client.call(), plan.serialWarmupCalls(),
                    plan.serialBudget().dividedBy(WARMUP_BUDGET_DIVISOR));
        }
        int rounds = Math.max(1, plan.callRounds());
        int callsPerRound = Math.max(1, plan.serialCalls() / rounds);
        Duration budgetPerRound = plan.serialBudget().dividedBy(rounds);
        for (int round = 0; round < rounds; round++) {
            for (Client client : clients) {
                CallDriver.serial(client.call(), callsPerRound, budgetPerRound, client.serial(), cpu);
            }
        }
        for (int round = 0; round < rounds; round++) {
            for (Client client : clients) {
                CallDriver.pipelined(client.call(), plan.pipelineWarmup(), plan.pipelineDuration(),
                        client.pipelined(), cpu);
            }
        }
    }

    /** The project's EVA controller simulator with one unit, answering at {@code answerQos}. */
    private static EvaSimulator simulator(MosquittoBroker broker, ControllerId controller, int answerQos) {
        return EvaSimulator.builder(broker.uri()).controller(controller.toString()).key(KEY_ID, API_KEY)
                .responseQos(answerQos).requestLogCapacity(REQUEST_LOG_CAPACITY).unit(UNIT, 0, "").start();
    }

    private static long undecodable(EvaSimulator simulator) {
        return simulator.counters().requestsUndecodable();
    }
}
