package com.chief.ops;

import com.chief.model.Json;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations API as commands of the jar, against a running Chief ({@link OpsClient}):
 * {@code java -jar chief.jar <command> ...}; prints the JSON answer, exits 0 when Chief did it.
 */
public final class OpsCommand {

    /** The first argument of each operations command, for {@code ChiefApplication}. */
    public static final List<String> COMMANDS = List.of("dead-letters", "trace", "rebuild", "reconcile");
    private static final Duration FOLLOW_PAUSE = Duration.ofSeconds(2);

    private OpsCommand() {
    }

    public static int run(List<String> args, OpsClient client, PrintStream out, PrintStream err) {
        try {
            Request request = request(args);
            HttpResponse<String> answer = client.call(request.method(), request.path(), request.query());
            (answer.statusCode() / 100 == 2 ? out : err).println(answer.body());
            if (answer.statusCode() == 202 && args.get(0).equals("rebuild")) {
                return follow(client, request.path(), out, err);
            }
            return answer.statusCode() / 100 == 2 ? 0 : 1;
        } catch (IllegalArgumentException usage) {
            err.println(usage.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("Cannot reach Chief's operations API: " + e);
            return 1;
        }
    }

    /** A rebuild runs in the background: its progress is printed until it is done (exit 0) or failed (exit 1). */
    private static int follow(OpsClient client, String path, PrintStream out, PrintStream err) throws Exception {
        while (true) {
            Thread.sleep(FOLLOW_PAUSE.toMillis());
            HttpResponse<String> progress = client.call("GET", path, Map.of());
            if (progress.statusCode() != 200) {
                err.println(progress.body());
                return 1;
            }
            String state = Json.MAPPER.readTree(progress.body()).path("state").asText();
            (state.equals("failed") ? err : out).println(progress.body());
            if (!state.equals("running")) {
                return state.equals("done") ? 0 : 1;
            }
        }
    }

    record Request(String method, String path, Map<String, String> query) {
    }

    private static final String USAGE = "usage: java -jar chief.jar dead-letters list\n"
            + "       java -jar chief.jar dead-letters replay APPLICATION [--since ISO-INSTANT] [--id LETTER-OR-ORDER-ID]\n"
            + "       java -jar chief.jar trace ORDER_ID\n"
            + "       java -jar chief.jar rebuild search|database --from T [--to T]\n"
            + "       java -jar chief.jar reconcile [--from T] [--to T] [--repair] [--changed-only]\n"
            + "T: an ISO instant (2026-12-06T10:00:00Z), an hour (2026-12-06T10) or hours ago (48)";

    /** The API request a command line stands for; an IllegalArgumentException carries the usage. */
    static Request request(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException(USAGE);
        }
        switch (args.get(0)) {
            case "dead-letters" -> {
                return deadLetters(args.subList(1, args.size()));
            }
            case "trace" -> {
                if (args.size() != 2) {
                    throw new IllegalArgumentException(USAGE);
                }
                return new Request("GET", "orders/" + OpsClient.segment(args.get(1)), Map.of());
            }
            case "rebuild" -> {
                if (args.size() < 2 || !List.of("search", "database").contains(args.get(1))) {
                    throw new IllegalArgumentException(USAGE);
                }
                Map<String, String> options = options(args.subList(2, args.size()));
                return new Request("POST", "rebuild/" + args.get(1), range(options));
            }
            case "reconcile" -> {
                Map<String, String> options = options(args.subList(1, args.size()));
                Map<String, String> query = range(options);
                if (options.containsKey("changed-only")) {
                    query.put("changed-only", "true");
                }
                if (options.containsKey("repair")) {
                    query.put("repair", "true");
                    return new Request("POST", "reconcile", query);
                }
                return new Request("GET", "reconcile", query);
            }
            default -> throw new IllegalArgumentException(USAGE);
        }
    }

    private static Map<String, String> range(Map<String, String> options) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("from", options.getOrDefault("from", "48"));
        query.put("to", options.get("to"));
        return query;
    }

    private static Request deadLetters(List<String> args) {
        if (args.size() == 1 && args.get(0).equals("list")) {
            return new Request("GET", "dead-letters", Map.of());
        }
        if (args.size() >= 2 && args.get(0).equals("replay") && !args.get(1).startsWith("--")) {
            Map<String, String> options = options(args.subList(2, args.size()));
            if (!List.of("since", "id").containsAll(options.keySet())) {
                throw new IllegalArgumentException(USAGE);
            }
            return new Request("POST", "dead-letters/" + OpsClient.segment(args.get(1)) + "/replay", options);
        }
        throw new IllegalArgumentException(USAGE);
    }

    /** {@code --name value} options after the positional arguments; {@code --flag} alone is "true". */
    static Map<String, String> options(List<String> args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            boolean flag = i + 1 == args.size() || args.get(i + 1).startsWith("--");
            options.put(arg.substring(2), flag ? "true" : args.get(++i));
        }
        return options;
    }
}
