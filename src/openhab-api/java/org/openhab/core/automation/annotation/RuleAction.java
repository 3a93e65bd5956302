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
package org.openhab.core.automation.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.openhab.core.automation.Visibility;

/**
 * Stand-in of openHAB's {@code RuleAction}: marks a method of a {@code ThingActions} class as an action rules can
 * call. Read reflectively by openHAB, hence RUNTIME retention; element names, types and defaults match openHAB.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RuleAction {

    String label();

    String description() default "";

    String[] tags() default {};

    Visibility visibility() default Visibility.VISIBLE;
}
