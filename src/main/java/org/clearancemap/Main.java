package org.clearancemap;

import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.clearancemap.config.Config;
import org.clearancemap.auth.TokenCommand;
import org.clearancemap.db.Database;
import org.clearancemap.demo.DemoLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar clearance-map.jar [serve | demo | migrate | token ... | settings]}: reads the configuration
 * from the environment, opens the database, applies the migrations, then serves, loads the demo dataset or
 * stops; {@code settings} only prints the table of every setting (docs/SETTINGS.md).
 */
public final class Main {
    static {
        // slf4j-simple reads its level once, when the first logger is made: set it before that
        String level = Config.logLevelSetIn(System.getenv());
        if (level != null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    private static final String USAGE = """
            usage: java -jar clearance-map.jar [command]
              serve     apply migrations and serve HTTP (default)
              demo      apply migrations and load the synthetic demo dataset (loading twice changes nothing)
              migrate   apply migrations and stop
              token     create, list or revoke API tokens (java -jar clearance-map.jar token, for its usage)
              settings  print the table of every setting, its default and allowed values (Markdown)
            settings come from the environment: see docs/SETTINGS.md""";

    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "serve" : args[0];
        if (!Arrays.asList("serve", "demo", "migrate", "token", "settings").contains(command)) {
            System.err.println("unknown command '" + command + "'\n" + USAGE);
            System.exit(2);
        }
        if (command.equals("settings")) {
            System.out.print(Config.settingsTable());
            return;
        }
        Config config;
        try {
            config = Config.fromEnv();
        } catch (Config.ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LOG.info("settings: {}", config.describe());
        Database database = Database.open(config);
        try {
            database.awaitReachable(Duration.ofSeconds(30));
            database.migrate();
        } catch (RuntimeException e) {
            LOG.error("{}", e.getMessage());
            database.close();
            System.exit(1);
        }
        switch (command) {
            case "migrate" -> database.close();
            case "demo" -> {
                DemoLoader.Result result = new DemoLoader(database.dataSource()).load();
                LOG.info("demo dataset: {}", result);
                database.close();
            }
            case "token" -> {
                int code = new TokenCommand(database.dataSource(), System.out, System.err)
                        .run(Arrays.copyOfRange(args, 1, args.length));
                database.close();
                System.exit(code);
            }
            default -> serve(config, database);
        }
    }

    private static void serve(Config config, Database database) {
        int swept = org.clearancemap.upload.UploadTemp.sweep();
        if (swept > 0) {
            LOG.info("removed the temporary upload files of {} server process(es) that ended without cleaning up", swept);
        }
        App.Serving serving = App.createServing(config, database, Clock.systemUTC());
        Javalin app = serving.app();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down: finishing requests in flight");
            app.stop();
            database.close();
            LOG.info("stopped");
        }, "shutdown"));
        app.start();
        LOG.info("serving http://{}:{}/", config.host(), app.port());
        // the first requests find the figures computed (a request meanwhile computes its own)
        Thread warmUp = new Thread(() -> {
            try {
                serving.warmUp().run();
            } catch (RuntimeException e) {
                LOG.warn("warm-up of the figures stopped: {}", e.toString());
            }
        }, "warm-up");
        warmUp.setDaemon(true);
        warmUp.setPriority(Thread.MIN_PRIORITY);
        warmUp.start();
    }
}
