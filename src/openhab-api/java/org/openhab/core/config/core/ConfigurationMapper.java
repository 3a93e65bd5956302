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

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stand-in only (openHAB does this in {@code ConfigParser}): fills the fields of a configuration class from
 * normalised configuration values for {@link Configuration#as(Class)}. A value that cannot be converted to its
 * field's type is logged and skipped, so the field keeps its default, as in openHAB.
 */
@NonNullByDefault
final class ConfigurationMapper {

    private final Logger logger = LoggerFactory.getLogger(ConfigurationMapper.class);

    <T> T map(Map<String, Object> properties, Class<T> configurationClass) {
        T instance;
        try {
            instance = configurationClass.getConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                | InvocationTargetException e) {
            throw new IllegalStateException("Cannot create configuration instance of " + configurationClass.getName()
                    + "; it needs a public no-argument constructor", e);
        }
        for (Class<?> type = configurationClass; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers) || Modifier.isTransient(modifiers)
                        || field.isSynthetic()) {
                    continue;
                }
                Object value = properties.get(field.getName());
                if (value != null) {
                    assign(instance, field, value);
                }
            }
        }
        return instance;
    }

    private void assign(Object instance, Field field, Object value) {
        Object converted;
        try {
            converted = convert(value, field.getType(), field.getGenericType());
        } catch (IllegalArgumentException e) {
            logger.warn("Configuration value of '{}' cannot be converted to {}: {}", field.getName(),
                    field.getType().getSimpleName(), e.getMessage());
            return;
        }
        try {
            field.setAccessible(true);
            field.set(instance, converted);
        } catch (IllegalAccessException | RuntimeException e) {
            logger.warn("Configuration field '{}' cannot be set: {}", field.getName(), e.getMessage());
        }
    }

    private Object convert(Object value, Class<?> rawType, Type genericType) {
        if (Collection.class.isAssignableFrom(rawType)) {
            return convertCollection(value, rawType, genericType);
        }
        return convertSingle(value, boxed(rawType));
    }

    private Collection<Object> convertCollection(Object value, Class<?> rawType, Type genericType) {
        Class<?> elementType = Object.class;
        if (genericType instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> argument) {
            elementType = argument;
        }
        Collection<Object> result = Set.class.isAssignableFrom(rawType) ? new HashSet<>() : new ArrayList<>();
        Collection<?> source = value instanceof Collection<?> collection ? collection : List.of(value);
        for (Object element : source) {
            result.add(convertSingle(element, boxed(elementType)));
        }
        return result;
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        } else if (type == int.class) {
            return Integer.class;
        } else if (type == long.class) {
            return Long.class;
        } else if (type == double.class) {
            return Double.class;
        } else if (type == float.class) {
            return Float.class;
        } else if (type == boolean.class) {
            return Boolean.class;
        } else if (type == short.class) {
            return Short.class;
        } else if (type == byte.class) {
            return Byte.class;
        }
        return Character.class;
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private Object convertSingle(Object value, Class<?> type) {
        if (type.isInstance(value)) {
            return value;
        }
        if (type == String.class) {
            return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        }
        String text = value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        if (type == Boolean.class) {
            if (value instanceof String) {
                return Boolean.valueOf(text);
            }
            throw new IllegalArgumentException("not a boolean: " + value.getClass().getSimpleName());
        }
        if (type.isEnum()) {
            return Enum.valueOf((Class<? extends Enum>) type, text);
        }
        Object number = toNumber(text.trim(), type);
        if (number == null) {
            throw new IllegalArgumentException("unsupported type " + type.getName());
        }
        return number;
    }

    private static @Nullable Object toNumber(String text, Class<?> type) {
        BigDecimal decimal = new BigDecimal(text);
        if (type == Integer.class) {
            return decimal.intValue();
        } else if (type == Long.class) {
            return decimal.longValue();
        } else if (type == Double.class) {
            return decimal.doubleValue();
        } else if (type == Float.class) {
            return decimal.floatValue();
        } else if (type == Short.class) {
            return decimal.shortValue();
        } else if (type == Byte.class) {
            return decimal.byteValue();
        } else if (type == BigDecimal.class) {
            return decimal;
        } else if (type == BigInteger.class) {
            return decimal.toBigInteger();
        }
        return null;
    }
}
