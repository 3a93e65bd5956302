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

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.bench.CallDriver.PipelineResult;
import org.openhab.binding.evaics.bench.CallDriver.SerialResult;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;
import org.openhab.binding.evaics.test.broker.MosquittoBroker;
import org.openhab.binding.evaics.test.sim.EvaSimulator;

import com.google.gson.JsonObject;

/**
 * The call benchmarks on one broker setting (issue 5, items 1 to 3): the raw echo floor, the binding's RPC client
 * and the EVA-style client, each serial and pipelined, all against the same broker and, for the two RPC clients, the
 * same controller. Everything travels at QoS 0 both ways, so that the comparison with the floor (whose payloads have
 * the sizes of the RPC client's {@code test} request and the controller's answer) shows the client's own cost: the
 * controller answers at QoS 0, as an EVA notifier with {@code system} QoS 0 does. Beside that, the binding's client
 * is measured against a controller answering at EVA's default QoS 1, which on a broker without
 * {@code set_tcp_nodelay} costs about 40 ms per call (Nagle on the broker's socket to the controller, waiting for
 * the controller's delayed ACK of the PUBACK).
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
    /** EVA answers at QoS 1 unless its notifier's {@code system} QoS is set otherwise (spec §1). */
    static final int EVA_DEFAULT_ANSWER_QOS = 1;
    /** EVA's own client subscribes to each response topic at QoS 1 (spec §6.5). */
    private static final int EVA_SUBSCRIBE_QOS = 1;
    /** Requests at the binding's QoS, so that only the subscription pattern differs. */
    private static final int EVA_PUBLISH_QOS = 0;
    /** The simulator keeps a request log for tests; the benchmark needs none. */
    private static final int REQUEST_LOG_CAPACITY = 1;
    private static final String UNIT = "bench/lamp1";

    /** One measurement of the three clients. */
    record Result(boolean brokerNoDelay, SerialResult floorSerial, PipelineResult floorPipelined,
            SerialResult rpcSerial, PipelineResult rpcPipelined, SerialResult evaSerial,
            PipelineResult evaPipelined, int requestBytes, int responseBytes, long controllerUndecodable,
            SerialResult rpcAnswerQos1Serial, PipelineResult rpcAnswerQos1Pipelined) {
    }

    private CallBench() {
    }

    static Result run(boolean brokerNoDelay, BenchPlan plan) throws Exception {
        String setting = brokerNoDelay ? "set_tcp_nodelay true" : "mosquitto defaults";
        EvaTopics topics = new EvaTopics("");
        try (MosquittoBroker broker = MosquittoBroker.builder().tcpNoDelay(brokerNoDelay).start();
                EvaSimulator controller = simulator(broker, CONTROLLER, CALL_QOS)) {
            FrameSizes sizes = FrameSizes.measure(broker.uri(), topics, CONTROLLER, KEY_ID, API_KEY);
            BenchMain.log("calls on %s (%s): request %d B, answer %d B", broker, setting, sizes.requestBytes(),
                    sizes.responseBytes());
            SerialResult floorSerial;
            PipelineResult floorPipelined;
            try (FloorEcho floor = new FloorEcho(broker.uri(), sizes.requestBytes(), sizes.responseBytes())) {
                floorSerial = serial(floor::call, plan);
                floorPipelined = pipelined(floor::call, plan);
            }
            BenchMain.log("  floor          serial: %s", CallDriver.describe(floorSerial));
            BenchMain.log("  floor          pipelined: %s", CallDriver.describe(floorPipelined));
            SerialResult rpcSerial;
            PipelineResult rpcPipelined;
            try (OurRpcClient rpc = new OurRpcClient(broker.uri(), topics, CONTROLLER, KEY_ID, API_KEY)) {
                rpcSerial = serial(rpc::test, plan);
                rpcPipelined = pipelined(rpc::test, plan);
            }
            BenchMain.log("  rpc            serial: %s", CallDriver.describe(rpcSerial));
            BenchMain.log("  rpc            pipelined: %s", CallDriver.describe(rpcPipelined));
            SerialResult evaSerial;
            PipelineResult evaPipelined;
            try (EvaStyleClient eva = new EvaStyleClient(broker.uri(), topics, CONTROLLER, KEY_ID, API_KEY,
                    EVA_SUBSCRIBE_QOS, EVA_PUBLISH_QOS)) {
                CallDriver.AsyncCall test = () -> eva.call("test", new JsonObject());
                evaSerial = serial(test, plan);
                evaPipelined = pipelined(test, plan);
            }
            BenchMain.log("  rpc_eva_style  serial: %s", CallDriver.describe(evaSerial));
            BenchMain.log("  rpc_eva_style  pipelined: %s", CallDriver.describe(evaPipelined));
            SerialResult qos1Serial;
            PipelineResult qos1Pipelined;
            try (EvaSimulator qos1 = simulator(broker, CONTROLLER_QOS1, EVA_DEFAULT_ANSWER_QOS);
                    OurRpcClient rpc = new OurRpcClient(broker.uri(), topics, CONTROLLER_QOS1, KEY_ID, API_KEY)) {
                qos1Serial = serial(rpc::test, plan);
                qos1Pipelined = pipelined(rpc::test, plan);
                checkQuiet(qos1);
            }
            BenchMain.log("  rpc, answers at QoS 1  serial: %s", CallDriver.describe(qos1Serial));
            BenchMain.log("  rpc, answers at QoS 1  pipelined: %s", CallDriver.describe(qos1Pipelined));
            return new Result(brokerNoDelay, floorSerial, floorPipelined, rpcSerial, rpcPipelined, evaSerial,
                    evaPipelined, sizes.requestBytes(), sizes.responseBytes(), undecodable(controller), qos1Serial,
                    qos1Pipelined);
        }
    }

    private static SerialResult serial(CallDriver.AsyncCall call, BenchPlan plan) {
        return CallDriver.serial(call, plan.serialWarmupCalls(), plan.serialCalls(), plan.serialBudget());
    }

    private static PipelineResult pipelined(CallDriver.AsyncCall call, BenchPlan plan) {
        return CallDriver.pipelined(call, plan.pipelineWindow(), plan.pipelineWarmup(), plan.pipelineDuration());
    }

    /** The project's EVA controller simulator with one unit, answering at {@code answerQos}. */
    private static EvaSimulator simulator(MosquittoBroker broker, ControllerId controller, int answerQos) {
        return EvaSimulator.builder(broker.uri()).controller(controller.toString()).key(KEY_ID, API_KEY)
                .responseQos(answerQos).requestLogCapacity(REQUEST_LOG_CAPACITY).unit(UNIT, 0, "").start();
    }

    private static long undecodable(EvaSimulator simulator) {
        return simulator.counters().requestsUndecodable();
    }

    private static void checkQuiet(EvaSimulator simulator) {
        if (undecodable(simulator) > 0) {
            BenchMain.log("  simulator %s could not decode %d requests", simulator, undecodable(simulator));
        }
    }
}
