package dev.tandem.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No two packages of the query side (the root package counted as one) use each other, read from the
 * source. ArchUnit reads bytecode, where a borrowed constant leaves no trace: javac copies
 * {@code @ProcessingGroup(TimelineProjection.PROCESSING_GROUP)} in as its text, and such borrowing is how
 * the cycles between the timeline, the directory and the root package began.
 */
class PackageImportCyclesTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/tandem/query");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    /** Any qualified use of a query-side type: an import, a static import or a name written out in full. */
    private static final Pattern USE = Pattern.compile("\\bdev\\.tandem\\.query((?:\\.[a-z]\\w*)*)\\.[A-Z]");

    @Test
    void noPackageOfTheQuerySideReachesItselfThroughAnother() throws IOException {
        Map<String, Set<String>> uses = uses();
        List<String> cycles = new ArrayList<>();
        for (String from : uses.keySet()) {
            for (String to : uses.get(from)) {
                if (reachable(uses, to).contains(from)) {
                    cycles.add(from + " -> " + to + " -> ... -> " + from);
                }
            }
        }

        assertThat(uses).containsKeys("(root)", "timeline", "directory", "familyviews");
        assertThat(uses.get("timeline")).contains("directory");
        assertThat(cycles).isEmpty();
    }

    private static Map<String, Set<String>> uses() throws IOException {
        Map<String, Set<String>> uses = new HashMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher declared = PACKAGE.matcher(source);
                assertThat(declared.find()).as("package of %s", file).isTrue();
                String from = slice(declared.group(1));
                Set<String> used = uses.computeIfAbsent(from, slice -> new TreeSet<>());
                Matcher use = USE.matcher(source);
                while (use.find()) {
                    String to = slice("dev.tandem.query" + use.group(1));
                    if (!to.equals(from)) {
                        used.add(to);
                    }
                }
            }
        }
        return uses;
    }

    private static Set<String> reachable(Map<String, Set<String>> uses, String start) {
        Set<String> seen = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(start));
        while (!next.isEmpty()) {
            for (String to : uses.getOrDefault(next.pop(), Set.of())) {
                if (seen.add(to)) {
                    next.push(to);
                }
            }
        }
        return seen;
    }

    /** The feature package a package is in: {@code dev.tandem.query.timeline.x} is {@code timeline}. */
    private static String slice(String packageName) {
        return packageName.equals("dev.tandem.query") ? "(root)"
                : packageName.substring("dev.tandem.query.".length()).split("\\.")[0];
    }
}
