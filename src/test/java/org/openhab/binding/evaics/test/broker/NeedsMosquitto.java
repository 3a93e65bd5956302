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

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Marks a test (method or class) that only mosquitto can serve, with what the embedded broker lacks for it: where
 * mosquitto is not installed ({@link MosquittoBroker#binary()}) the test is skipped with that reason, and counted
 * as such in the summary at the end of the run ({@link BrokerTally}). Where mosquitto is installed it runs.
 * docs/development.md lists the marked tests.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@ExtendWith(NeedsMosquitto.Condition.class)
public @interface NeedsMosquitto {

    /** The reason of the tests that look at the retain flag of a retained message sent to a new subscriber. */
    String RETAIN_FLAG = "Moquette 0.17 delivers a retained message to a new subscriber without the retain flag "
            + "(MQTT 3.1.1 section 3.3.1.3)";

    /** What mosquitto does here that the embedded broker does not. */
    String value();

    /**
     * Skips a {@link NeedsMosquitto} test where mosquitto is not installed: a marked class is disabled as a whole; a
     * marked test method is aborted (a JUnit assumption) just before it runs, after the {@code @BeforeEach} methods,
     * so that the {@code @AfterEach} methods still close what the test instance and they opened (JUnit creates the
     * instance even for a disabled test, and runs no {@code @AfterEach} method after a failed before-each callback).
     *
     * @author EVA ICS binding contributors - Initial contribution
     */
    final class Condition implements ExecutionCondition, BeforeTestExecutionCallback {

        /** How every skip reason of this condition starts. */
        static final String PREFIX = "needs mosquitto, which is not installed here";

        /**
         * Skips the running test (a JUnit assumption) where mosquitto is not installed: for one case of a
         * parameterized test, which the annotation cannot single out.
         *
         * @param why what mosquitto does here that the embedded broker does not
         */
        public static void assumeMosquitto(String why) {
            reasonFor(Optional.of(why)).ifPresent(Assumptions::abort);
        }

        @Override
        @NonNullByDefault({})
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (context.getTestMethod().isPresent()) {
                return ConditionEvaluationResult.enabled("test methods are checked before each test");
            }
            return reason(context.getElement()).map(ConditionEvaluationResult::disabled)
                    .orElseGet(() -> ConditionEvaluationResult.enabled("mosquitto is installed or not needed"));
        }

        @Override
        @NonNullByDefault({})
        public void beforeTestExecution(ExtensionContext context) {
            reason(context.getTestMethod()).ifPresent(Assumptions::abort);
        }

        /** Why the element cannot run here, if it is marked and mosquitto is missing. */
        private static Optional<String> reason(Optional<? extends AnnotatedElement> element) {
            return reasonFor(element
                    .flatMap(annotated -> AnnotationSupport.findAnnotation(annotated, NeedsMosquitto.class))
                    .map(NeedsMosquitto::value));
        }

        /** The skip reason for a test that needs mosquitto for this reason, if mosquitto is missing. */
        private static Optional<String> reasonFor(Optional<String> why) {
            if (why.isEmpty() || MosquittoBroker.binary().isPresent()) {
                return Optional.empty();
            }
            return Optional.of(PREFIX + " (" + MosquittoBroker.missing() + "): " + why.get());
        }
    }
}
