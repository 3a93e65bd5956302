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
package org.openhab.binding.evaics.test.host;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.mockito.Mockito;
import org.openhab.core.i18n.LocaleProvider;
import org.openhab.core.i18n.TranslationProvider;
import org.openhab.core.thing.i18n.ThingStatusInfoI18nLocalizationService;
import org.openhab.core.util.BundleResolver;
import org.osgi.framework.Bundle;

/**
 * The binding's default i18n file ({@code ESH-INF/i18n/evaics.properties}) as openHAB's translation provider serves
 * it: a key's text, its {@code {0}} placeholders filled with {@link MessageFormat}, or the default text for an
 * unknown key. Also the locale provider (English), so that a discovery service can be given both.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class I18nFile implements TranslationProvider, LocaleProvider {

    private static final Path FILE = Path.of("ESH-INF/i18n/evaics.properties");

    private final Properties texts = new Properties();

    public I18nFile() {
        try (Reader reader = Files.newBufferedReader(FILE, StandardCharsets.ISO_8859_1)) {
            texts.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }

    @Override
    public @Nullable String getText(@Nullable Bundle bundle, @Nullable String key, @Nullable String defaultText,
            @Nullable Locale locale) {
        String text = key == null ? null : texts.getProperty(key);
        return text != null ? text : defaultText;
    }

    @Override
    public @Nullable String getText(@Nullable Bundle bundle, @Nullable String key, @Nullable String defaultText,
            @Nullable Locale locale, @Nullable Object @Nullable... arguments) {
        String text = getText(bundle, key, defaultText, locale);
        return text == null || arguments == null ? text : MessageFormat.format(text, arguments);
    }

    @Override
    public Locale getLocale() {
        return Locale.ENGLISH;
    }

    /**
     * openHAB's own service that translates a thing's status description ({@code @text/...}), given this file as its
     * translation provider, as OSGi's declarative services would bind it (its bind method is not public).
     */
    public static ThingStatusInfoI18nLocalizationService statusLocalization() {
        ThingStatusInfoI18nLocalizationService service = new ThingStatusInfoI18nLocalizationService();
        // openHAB 5 declares the resolved bundle @Nullable, 4.3 does not: a mock satisfies both
        BundleResolver bundles = Mockito.mock(BundleResolver.class);
        Mockito.when(bundles.resolveBundle(Mockito.any())).thenReturn(Mockito.mock(Bundle.class));
        service.setBundleResolver(bundles);
        try {
            Method bind = ThingStatusInfoI18nLocalizationService.class.getDeclaredMethod("setTranslationProvider",
                    TranslationProvider.class);
            bind.setAccessible(true);
            bind.invoke(service, new I18nFile());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("openHAB's ThingStatusInfoI18nLocalizationService changed", e);
        }
        return service;
    }
}
