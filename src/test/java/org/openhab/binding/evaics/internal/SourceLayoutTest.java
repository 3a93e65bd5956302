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
package org.openhab.binding.evaics.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * Rules about what is in {@code src/main/java}, checked on the source text:
 * <ul>
 * <li>no two classes share a simple name, so that a name in a log line, a stack trace or a review means one
 * class;</li>
 * <li>every class of the bundle (everything outside {@code internal.cli}, which pom.xml keeps out of the bundle and
 * packs into the command-line tool's jar) is named in the code of another bundle class, or is an OSGi component:
 * code that only the command-line tool or the tests use belongs in {@code internal.cli} or in {@code src/test}.</li>
 * </ul>
 * The second rule reads names, not bytecode: a name in a comment or string does not count, a name in code does, even
 * if that code is itself dead. It catches a class left behind, not every unused one.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class SourceLayoutTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final String CLI_PACKAGE_DIR = "org/openhab/binding/evaics/internal/cli/";
    private static final Pattern COMPONENT = Pattern.compile("^@Component\\b", Pattern.MULTILINE);

    private record Source(Path path, String simpleName, String code) {
        boolean inCli() {
            return MAIN.relativize(path).toString().replace('\\', '/').startsWith(CLI_PACKAGE_DIR);
        }
    }

    private static List<Source> mainSources() throws IOException {
        List<Source> sources = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(MAIN)) {
            for (Path p : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                String file = p.getFileName().toString();
                sources.add(new Source(p, file.substring(0, file.length() - ".java".length()),
                        codeOnly(Files.readString(p, StandardCharsets.UTF_8))));
            }
        }
        return sources;
    }

    /** The source without comments, string and character literals (each replaced by a space). */
    static String codeOnly(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
                code.append(' ');
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                code.append(' ');
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
                code.append(' ');
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && source.charAt(i) != c && source.charAt(i) != '\n') {
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                code.append(' ');
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }

    @Test
    void noTwoMainClassesShareASimpleName() throws IOException {
        Map<String, List<Path>> byName = new TreeMap<>();
        for (Source s : mainSources()) {
            List<Path> paths = byName.get(s.simpleName());
            if (paths == null) {
                paths = new ArrayList<>();
                byName.put(s.simpleName(), paths);
            }
            paths.add(s.path());
        }
        byName.values().removeIf(paths -> paths.size() < 2);
        assertEquals(Map.of(), byName);
    }

    @Test
    void everyBundleClassIsUsedByTheBundle() throws IOException {
        List<Source> sources = mainSources();
        List<Source> bundle = sources.stream().filter(s -> !s.inCli()).toList();
        List<String> unused = new ArrayList<>();
        for (Source candidate : bundle) {
            if (COMPONENT.matcher(candidate.code()).find()) {
                continue;
            }
            Pattern name = Pattern.compile("\\b" + Pattern.quote(candidate.simpleName()) + "\\b");
            boolean used = bundle.stream()
                    .anyMatch(s -> !s.path().equals(candidate.path()) && name.matcher(s.code()).find());
            if (!used) {
                unused.add(candidate.path() + " (only the command-line tool or tests use it?)");
            }
        }
        assertEquals(List.of(), unused);
    }

    @Test
    void codeOnlyDropsCommentsAndLiterals() {
        assertEquals("a   b   c", codeOnly("a /* X */ b \"X\" c"));
        assertFalse(codeOnly("// Foo\nint x = 'F' + \"Foo\\\"Foo\";").contains("Foo"));
        assertTrue(codeOnly("new Foo(); /** Bar */").contains("Foo"));
    }
}
