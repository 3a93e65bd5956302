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

import java.security.SecureRandom;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.bench.CallDriver.PipelineResult;
import org.openhab.binding.evaics.bench.CallDriver.SerialResult;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameCodec;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;
import org.openhab.binding.evaics.test.broker.MosquittoBroker;

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
    private static final int REQUEST_ID_BYTES = 16;

    /** One measurement of the three clients. */
    record Result(boolean brokerNoDelay, SerialResult floorSerial, PipelineResult floorPipelined,
            SerialResult rpcSerial, PipelineResult rpcPipelined, SerialResult evaSerial,
            PipelineResult evaPipelined, int requestBytes, int responseBytes, long controllerRejected,
            SerialResult rpcAnswerQos1Serial, PipelineResult rpcAnswerQos1Pipelined) {
    }

    private CallBench() {
    }

    static Result run(boolean brokerNoDelay, BenchPlan plan) throws Exception {
        String setting = brokerNoDelay ? "set_tcp_nodelay true" : "mosquitto defaults";
        EvaTopics topics = new EvaTopics("");
        try (MosquittoBroker broker = MosquittoBroker.builder().tcpNoDelay(brokerNoDelay).start();
                BenchController controller = new BenchController(broker.uri(), topics, CONTROLLER, KEY_ID,
                        API_KEY, CALL_QOS)) {
            byte[] request = testRequest();
            byte[] response = controller.respond(controller.decode(request));
            BenchMain.log("calls on %s (%s): request %d B, answer %d B", broker, setting, request.length,
                    response.length);
            SerialResult floorSerial;
            PipelineResult floorPipelined;
            try (FloorEcho floor = new FloorEcho(broker.uri(), request.length, response.length)) {
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
            try (BenchController qos1 = new BenchController(broker.uri(), topics, CONTROLLER_QOS1, KEY_ID, API_KEY,
                    EVA_DEFAULT_ANSWER_QOS);
                    OurRpcClient rpc = new OurRpcClient(broker.uri(), topics, CONTROLLER_QOS1, KEY_ID, API_KEY)) {
                qos1Serial = serial(rpc::test, plan);
                qos1Pipelined = pipelined(rpc::test, plan);
                if (qos1.rejected() > 0) {
                    BenchMain.log("  controller %s rejected %d requests", CONTROLLER_QOS1, qos1.rejected());
                }
            }
            BenchMain.log("  rpc, answers at QoS 1  serial: %s", CallDriver.describe(qos1Serial));
            BenchMain.log("  rpc, answers at QoS 1  pipelined: %s", CallDriver.describe(qos1Pipelined));
            return new Result(brokerNoDelay, floorSerial, floorPipelined, rpcSerial, rpcPipelined, evaSerial,
                    evaPipelined, request.length, response.length, controller.rejected(), qos1Serial,
                    qos1Pipelined);
        }
    }

    private static SerialResult serial(CallDriver.AsyncCall call, BenchPlan plan) {
        return CallDriver.serial(call, plan.serialWarmupCalls(), plan.serialCalls(), plan.serialBudget());
    }

    private static PipelineResult pipelined(CallDriver.AsyncCall call, BenchPlan plan) {
        return CallDriver.pipelined(call, plan.pipelineWindow(), plan.pipelineWarmup(), plan.pipelineDuration());
    }

    /** A {@code test} request frame as the binding's RPC client builds it (for the floor's payload sizes). */
    private static byte[] testRequest() {
        byte[] requestId = new byte[REQUEST_ID_BYTES];
        new SecureRandom().nextBytes(requestId);
        JsonObject params = new JsonObject();
        params.addProperty("k", API_KEY);
        JsonObject request = new JsonObject();
        request.addProperty("jsonrpc", "2.0");
        request.addProperty("method", "test");
        request.add("params", params);
        request.addProperty("id", "6f1c2a8e-5d0b-4c6e-9a57-2b1f0e3d4c5a");
        return new FrameCodec(KEY_ID, API_KEY, FrameFormat.BINARY, ProtocolLimits.defaults()).encodeRequest(requestId,
                request);
    }
}
