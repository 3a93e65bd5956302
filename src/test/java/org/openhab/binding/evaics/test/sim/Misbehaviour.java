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
package org.openhab.binding.evaics.test.sim;

/**
 * Ways the {@link EvaSimulator} can misbehave when answering API requests, to test the client's answer rules
 * (protocol.md §4.4, §10 step 4, §11). Set with {@link EvaSimulator#misbehave(Misbehaviour)}; delays are set separately
 * with {@link EvaSimulator#delayAnswers(java.time.Duration)} and combine with these.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
public enum Misbehaviour {
    /** Answers normally. */
    NONE,
    /** Answers nothing, as the controller does for a wrong key or unknown key id. */
    SILENT,
    /** Answers in the right format, encrypted with a different key. */
    WRONG_KEY,
    /** Flips a bit of the MAC (binary) or of the Fernet HMAC (text). */
    TAMPER_MAC,
    /** Flips a bit of the ciphertext. */
    TAMPER_CIPHERTEXT,
    /** Flips a bit of the IV. */
    TAMPER_IV,
    /** Changes the unauthenticated status: 0xC8 to 0xC9 (binary), {@code 200|} to {@code 201|} (text). */
    TAMPER_STATUS,
    /**
     * Answers with a valid answer recorded earlier for another call (same key and format) and nothing else; answers
     * nothing if no answer was recorded yet.
     */
    REPLAY,
    /** Publishes a valid answer recorded for another call, then the real answer. */
    REPLAY_THEN_ANSWER,
    /** Answers only with the plain {@code 500|}. */
    ANSWER_500,
    /** Publishes a plain {@code 500|} first, then the real answer (what an attacker injecting 500| causes). */
    INJECT_500_THEN_ANSWER,
    /** Publishes the real answer twice. */
    DUPLICATE
}
