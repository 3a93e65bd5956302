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
package org.openhab.binding.evaics.internal.docs;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * The code cites the wire protocol as {@code protocol.md §N}; this keeps every citation pointing at something that
 * exists in {@code docs/protocol.md}: a section or subsection heading, and for {@code §N step(s) ...} a numbered
 * step of that section.
 * <p>
 * A citation is every {@code §} reference in the Java sources under {@code src/} whose nearest preceding marker is
 * {@code protocol.md} (so {@code protocol.md §4.1, §7.1 step 2} cites both). Other documents are cited with their
 * own marker and are left alone: {@code MQTT 3.1.1 §4.7}, {@code RFC 5280 §4.1}, {@code X.690 §8.1.3},
 * {@code api-subset §12}. A {@code §} without any marker before it fails, and so does the old form that cited the
 * external specification (the word "spec" right before the section sign).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class ProtocolCitationsTest {

    private static final Path PROTOCOL = Path.of("docs/protocol.md");
    private static final List<Path> SOURCE_ROOTS = List.of(Path.of("src/main/java"), Path.of("src/test/java"),
            Path.of("src/bench/java"));
    private static final String PROTOCOL_MARKER = "protocol.md";
    /** Below this many citations the scan itself is broken (there are about 300). */
    private static final int MIN_EXPECTED_CITATIONS = 200;

    private static final Pattern HEADING = Pattern.compile("^#{2,3} (\\d+(?:\\.\\d+)?)\\.? ", Pattern.MULTILINE);
    private static final Pattern NUMBERED_STEP = Pattern.compile("^(\\d+)\\. ", Pattern.MULTILINE);
    private static final Pattern MARKER_OR_SECTION = Pattern.compile(
            "(protocol\\.md|MQTT 3\\.1\\.1|RFC ?\\d+|X\\.690|api-subset)|§(\\d+(?:\\.\\d+)*)"
                    + "([\\s*]+(?:decryption[\\s*]+)?steps?[\\s*]+\\d+"
                    + "(?:(?:,[\\s*]*|[\\s*]+(?:and|to)[\\s*]+)\\d+)*)?");
    /** The form used before docs/protocol.md existed, citing a document outside the repository. */
    private static final Pattern OLD_FORM = Pattern.compile("\\b[Ss]pec[\\s*]+§");
    private static final Pattern STEP_NUMBER = Pattern.compile("\\d+");

    private record Citation(Path file, int line, String section, List<Integer> steps) {
        @Override
        public String toString() {
            return file + ":" + line + " §" + section + (steps.isEmpty() ? "" : " steps " + steps);
        }
    }

    /** Section number → its text up to the next heading of any level. */
    private static Map<String, String> sections() throws IOException {
        String doc = Files.readString(PROTOCOL, StandardCharsets.UTF_8);
        Map<String, String> sections = new HashMap<>();
        Matcher m = HEADING.matcher(doc);
        String number = null;
        int start = 0;
        while (m.find()) {
            if (number != null) {
                sections.put(number, doc.substring(start, m.start()));
            }
            number = m.group(1);
            start = m.end();
        }
        if (number != null) {
            sections.put(number, doc.substring(start));
        }
        return sections;
    }

    private static List<Path> javaFiles() {
        List<Path> files = new ArrayList<>();
        for (Path root : SOURCE_ROOTS) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** Every protocol citation of the sources; problems (old form, no marker) go to {@code problems}. */
    private static List<Citation> citations(List<String> problems) throws IOException {
        List<Citation> citations = new ArrayList<>();
        for (Path file : javaFiles()) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Matcher old = OLD_FORM.matcher(text);
            while (old.find()) {
                problems.add(file + ":" + line(text, old.start())
                        + " cites the old external specification; write protocol.md §N");
            }
            Matcher m = MARKER_OR_SECTION.matcher(text);
            String marker = null;
            while (m.find()) {
                String foundMarker = m.group(1);
                if (foundMarker != null) {
                    marker = foundMarker;
                    continue;
                }
                if (marker == null) {
                    problems.add(file + ":" + line(text, m.start()) + " cites §" + m.group(2)
                            + " without saying which document (write protocol.md §" + m.group(2) + ")");
                } else if (PROTOCOL_MARKER.equals(marker)) {
                    List<Integer> steps = new ArrayList<>();
                    String stepText = m.group(3);
                    if (stepText != null) {
                        Matcher n = STEP_NUMBER.matcher(stepText);
                        while (n.find()) {
                            steps.add(Integer.parseInt(n.group()));
                        }
                    }
                    citations.add(new Citation(file, line(text, m.start()), m.group(2), steps));
                }
            }
        }
        return citations;
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    @Test
    void theProtocolDocumentHasTheSectionsOfTheSource() throws IOException {
        Set<String> numbers = sections().keySet();
        for (int i = 1; i <= 14; i++) {
            assertTrue(numbers.contains(String.valueOf(i)), "protocol.md lacks section " + i);
        }
    }

    @Test
    void everyCitationNamesASectionAndStepOfProtocolMd() throws IOException {
        Map<String, String> sections = sections();
        List<String> problems = new ArrayList<>();
        List<Citation> citations = citations(problems);
        Set<String> cited = new HashSet<>();
        for (Citation c : citations) {
            String body = sections.get(c.section());
            if (body == null) {
                problems.add(c + ": docs/protocol.md has no section " + c.section());
                continue;
            }
            cited.add(c.section());
            int stepCount = 0;
            Matcher steps = NUMBERED_STEP.matcher(body);
            while (steps.find()) {
                stepCount = Math.max(stepCount, Integer.parseInt(steps.group(1)));
            }
            for (int step : c.steps()) {
                if (step < 1 || step > stepCount) {
                    problems.add(c + ": §" + c.section() + " of docs/protocol.md has no step " + step);
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(citations.size() >= MIN_EXPECTED_CITATIONS,
                "only " + citations.size() + " citations found; is the scan broken?");
        assertTrue(cited.size() > 1, "citations of only " + cited);
    }
}
