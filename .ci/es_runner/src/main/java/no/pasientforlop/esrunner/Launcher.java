package no.pasientforlop.esrunner;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts N real Elasticsearch nodes (one process each) on HTTP ports 9200.. and supervises them.
 *
 * Why our own launcher: the cluster test must stop ONE node of a running cluster and later start it
 * again. The launcher watches a control directory: the file "stop-node-N" (N counted from 1) stops
 * that node, "start-node-N" starts it again, and "stop" stops every node and exits.
 *
 * Arguments: distributionDir baseDir numberOfNodes [heap, e.g. 512m] [httpPort] [transportPort]
 */
public final class Launcher {
    private static int httpBase = 9200;
    private static int transportBase = 9300;

    private Launcher() {
    }

    public static void main(final String[] args) throws Exception {
        final Path distribution = Paths.get(args[0]).toAbsolutePath();
        final Path base = Paths.get(args[1]).toAbsolutePath();
        final int nodes = Integer.parseInt(args[2]);
        final String heap = args.length > 3 ? args[3] : "512m";
        httpBase = args.length > 4 ? Integer.parseInt(args[4]) : httpBase;
        transportBase = args.length > 5 ? Integer.parseInt(args[5]) : transportBase;
        final Path control = base.resolve("control");
        Files.createDirectories(control);

        final List<Process> processes = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            processes.add(start(distribution, base, i, nodes, heap));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(processes)));
        System.out.println("es-runner: started " + nodes + " node(s), HTTP from port " + httpBase);

        while (true) {
            if (Files.deleteIfExists(control.resolve("stop"))) {
                stopAll(processes);
                System.exit(0);
            }
            for (int i = 1; i <= nodes; i++) {
                if (Files.deleteIfExists(control.resolve("stop-node-" + i))) {
                    stop(processes.get(i - 1));
                    System.out.println("es-runner: stopped node " + i);
                }
                if (Files.deleteIfExists(control.resolve("start-node-" + i)) && !processes.get(i - 1).isAlive()) {
                    processes.set(i - 1, start(distribution, base, i, nodes, heap));
                    System.out.println("es-runner: started node " + i);
                }
            }
            Thread.sleep(200);
        }
    }

    private static Process start(final Path distribution, final Path base, final int number, final int nodes,
            final String heap) throws IOException {
        final Path home = base.resolve("node-" + number);
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("logs"));
        // Each node gets its own copy of config/: Elasticsearch writes its keystore there.
        final Path config = home.resolve("config");
        if (!Files.exists(config)) {
            Files.createDirectories(config);
            try (var files = Files.list(distribution.resolve("config"))) {
                for (final Path file : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(file)) {
                        Files.copy(file, config.resolve(file.getFileName()));
                    }
                }
            }
        }
        final List<String> command = new ArrayList<>();
        command.add(distribution.resolve("bin/elasticsearch").toString());
        setting(command, "cluster.name", "pasientforlop-test");
        setting(command, "node.name", "node-" + number);
        setting(command, "path.data", home.resolve("data").toString());
        setting(command, "path.logs", home.resolve("logs").toString());
        setting(command, "network.host", "127.0.0.1");
        setting(command, "http.port", String.valueOf(httpBase + number - 1));
        setting(command, "transport.port", String.valueOf(transportBase + number - 1));
        setting(command, "cluster.routing.allocation.disk.threshold_enabled", "false");
        setting(command, "action.destructive_requires_name", "false");
        setting(command, "xpack.security.enabled", "false");
        if (nodes == 1) {
            setting(command, "discovery.type", "single-node");
        } else {
            final StringBuilder seeds = new StringBuilder();
            final StringBuilder masters = new StringBuilder();
            for (int i = 1; i <= nodes; i++) {
                seeds.append(i > 1 ? "," : "").append("127.0.0.1:").append(transportBase + i - 1);
                masters.append(i > 1 ? "," : "").append("node-").append(i);
            }
            setting(command, "discovery.seed_hosts", seeds.toString());
            if (!Files.exists(home.resolve("data/_state"))) {
                setting(command, "cluster.initial_master_nodes", masters.toString());
            }
        }
        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("ES_JAVA_OPTS", "-Xms" + heap + " -Xmx" + heap);
        builder.environment().put("ES_PATH_CONF", config.toString());
        builder.environment().put("ES_JAVA_HOME", System.getProperty("java.home"));
        builder.redirectErrorStream(true);
        builder.redirectOutput(new File(home.resolve("console.log").toString()));
        return builder.start();
    }

    private static void setting(final List<String> command, final String key, final String value) {
        command.add("-E");
        command.add(key + "=" + value);
    }

    private static void stop(final Process process) throws InterruptedException {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor();
        }
    }

    private static void stopAll(final List<Process> processes) {
        for (final Process process : processes) {
            try {
                stop(process);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
