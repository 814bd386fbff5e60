package org.clearancemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of the server depend on each other in one direction: no package reaches, through
 * its imports, a package that reaches it back. The root package (Main and App) wires the features
 * together: it imports them and none imports it.
 */
class PackageCyclesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final String ROOT = "org.clearancemap";
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+);");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+(?:static\\s+)?(org\\.clearancemap\\.[\\w.]+)");

    /** Each package of the server and the packages its files import (itself left out). */
    static Map<String, Set<String>> imports() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES.resolve(ROOT.replace('.', '/')))) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher p = PACKAGE.matcher(text);
            if (!p.find()) {
                continue;
            }
            Set<String> targets = graph.computeIfAbsent(p.group(1), k -> new TreeSet<>());
            Matcher i = IMPORT.matcher(text);
            while (i.find()) {
                String target = packageOf(i.group(1));
                if (!target.equals(p.group(1))) {
                    targets.add(target);
                }
            }
        }
        return graph;
    }

    /** The package part of an imported name: its segments up to the first that starts in upper case. */
    static String packageOf(String imported) {
        var segments = new ArrayList<String>();
        for (String s : imported.split("\\.")) {
            if (Character.isUpperCase(s.charAt(0))) {
                break;
            }
            segments.add(s);
        }
        return String.join(".", segments);
    }

    private static Set<String> reachable(Map<String, Set<String>> graph, String from) {
        var seen = new TreeSet<String>();
        var todo = new ArrayList<>(graph.getOrDefault(from, Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (seen.add(next)) {
                todo.addAll(graph.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }

    @Test
    void theImportsOfTheServerAreRead() throws IOException {
        Map<String, Set<String>> graph = imports();
        assertTrue(graph.containsKey(ROOT + ".audit") && graph.containsKey(ROOT + ".stateparty"), graph.toString());
        assertTrue(graph.get(ROOT + ".stateparty").contains(ROOT + ".progress"), graph.toString());
    }

    private static String shortName(String pkg) {
        return pkg.equals(ROOT) ? "(root: Main, App)" : pkg.substring(ROOT.length() + 1);
    }

    @Test
    void noPackageReachesAPackageThatReachesItBack() throws IOException {
        Map<String, Set<String>> graph = imports();
        var cycles = new TreeSet<String>();
        for (String a : graph.keySet()) {
            for (String b : reachable(graph, a)) {
                if (a.compareTo(b) < 0 && reachable(graph, b).contains(a)) {
                    cycles.add(shortName(a) + " <-> " + shortName(b));
                }
            }
        }
        assertEquals(Set.of(), cycles, "packages that depend on each other");
    }

    @Test
    void theAuditWriterImportsNothingButTheDatabaseAndHttpPackages() throws IOException {
        assertTrue(Set.of(ROOT + ".db", ROOT + ".http").containsAll(imports().get(ROOT + ".audit")),
                imports().get(ROOT + ".audit").toString());
    }
}
