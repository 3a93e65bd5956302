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
package org.openhab.core.config.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stand-in of openHAB's {@code Configuration}: the configuration parameters of a thing or channel.
 * <p>
 * As in openHAB, values are normalised when they are stored: integral and decimal numbers become
 * {@link BigDecimal}, strings and booleans stay, collections become lists of normalised values; any other type is
 * refused with an {@link IllegalArgumentException}. {@link #as(Class)} maps the parameters onto the fields of a
 * configuration class. Like the real class this one carries no null annotations ({@code get} may return null).
 */
public class Configuration {

    private final Map<String, Object> properties = new HashMap<>();

    public Configuration() {
    }

    /**
     * @param configuration the configuration to copy; may be null
     */
    public Configuration(Configuration configuration) {
        if (configuration != null) {
            putAllNormalized(configuration.getProperties());
        }
    }

    /**
     * @param properties the initial parameters; may be null
     */
    public Configuration(Map<String, Object> properties) {
        if (properties != null) {
            putAllNormalized(properties);
        }
    }

    private void putAllNormalized(Map<String, Object> source) {
        for (Map.Entry<String, Object> entry : source.entrySet()) {
            properties.put(entry.getKey(), normalize(entry.getValue()));
        }
    }

    static Object normalize(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof BigDecimal) {
            return value;
        } else if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        } else if (value instanceof Collection<?> collection) {
            List<Object> normalized = new ArrayList<>(collection.size());
            for (Object element : collection) {
                normalized.add(normalize(element));
            }
            return normalized;
        }
        throw new IllegalArgumentException(
                "Invalid type '{" + value.getClass().getCanonicalName() + "}' of configuration value!");
    }

    /**
     * Maps the parameters onto a new instance of a configuration class: every non-static, non-final field whose name
     * is a parameter key gets the value, converted to the field type ({@code int}, {@code long}, {@code double},
     * {@code boolean}, {@code String}, {@code BigDecimal}, enums, lists and sets of these); fields without a
     * parameter keep their initial value.
     *
     * @param configurationClass a class with a public no-argument constructor
     * @return the filled instance
     * @throws IllegalStateException if the class cannot be instantiated
     */
    public <T> T as(Class<T> configurationClass) {
        Map<String, Object> snapshot;
        synchronized (this) {
            snapshot = new HashMap<>(properties);
        }
        return new ConfigurationMapper().map(snapshot, configurationClass);
    }

    public synchronized boolean containsKey(String key) {
        return properties.containsKey(key);
    }

    public synchronized Object get(String key) {
        return properties.get(key);
    }

    /**
     * @param key the parameter name
     * @param value the value; it is normalised
     * @return the previous value, or null
     */
    public synchronized Object put(String key, Object value) {
        return properties.put(key, normalize(value));
    }

    public synchronized Object remove(String key) {
        return properties.remove(key);
    }

    public synchronized Set<String> keySet() {
        return Set.copyOf(properties.keySet());
    }

    public synchronized Collection<Object> values() {
        return new ArrayList<>(properties.values());
    }

    /**
     * @return an unmodifiable snapshot of all parameters
     */
    public synchronized Map<String, Object> getProperties() {
        return Collections.unmodifiableMap(new HashMap<>(properties));
    }

    /**
     * @param properties replaces all parameters (values are normalised)
     */
    public synchronized void setProperties(Map<String, Object> properties) {
        this.properties.clear();
        putAllNormalized(properties);
    }

    @Override
    public synchronized int hashCode() {
        return properties.hashCode();
    }

    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof Configuration other)) {
            return false;
        }
        return getProperties().equals(other.getProperties());
    }

    /**
     * Lists the keys and value types only, so that secrets in parameters do not end up in logs.
     */
    @Override
    public synchronized String toString() {
        Map<String, String> types = new TreeMap<>();
        properties.forEach((key, value) -> types.put(key, value == null ? "null" : value.getClass().getSimpleName()));
        return "Configuration" + types;
    }
}
