package com.chief.ops;

import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations API as commands of the jar, against a running Chief ({@link OpsClient}):
 * {@code java -jar chief.jar <command> ...}; prints the JSON answer, exits 0 when Chief did it.
 */
public final class OpsCommand {

    /** The first argument of each operations command, for {@code ChiefApplication}. */
    public static final List<String> COMMANDS = List.of("dead-letters", "trace");

    private static final String DEAD_LETTERS_USAGE =
            "usage: java -jar chief.jar dead-letters list | dead-letters replay APPLICATION [--since ISO-INSTANT] [--id LETTER-OR-ORDER-ID]";
    private static final String TRACE_USAGE = "usage: java -jar chief.jar trace ORDER_ID";

    private OpsCommand() {
    }

    public static int run(List<String> args, OpsClient client, PrintStream out, PrintStream err) {
        try {
            Request request = request(args);
            HttpResponse<String> answer = client.call(request.method(), request.path(), request.query());
            (answer.statusCode() / 100 == 2 ? out : err).println(answer.body());
            return answer.statusCode() / 100 == 2 ? 0 : 1;
        } catch (IllegalArgumentException usage) {
            err.println(usage.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("Cannot reach Chief's operations API: " + e);
            return 1;
        }
    }

    record Request(String method, String path, Map<String, String> query) {
    }

    /** The API request a command line stands for; an IllegalArgumentException carries the usage. */
    static Request request(List<String> args) {
        String command = args.isEmpty() ? "" : args.get(0);
        return switch (command) {
            case "dead-letters" -> deadLetters(args.subList(1, args.size()));
            case "trace" -> {
                if (args.size() != 2) {
                    throw new IllegalArgumentException(TRACE_USAGE);
                }
                yield new Request("GET", "orders/" + OpsClient.segment(args.get(1)), Map.of());
            }
            default -> throw new IllegalArgumentException("usage: java -jar chief.jar " + String.join("|", COMMANDS) + " ...");
        };
    }

    private static Request deadLetters(List<String> args) {
        if (args.size() == 1 && args.get(0).equals("list")) {
            return new Request("GET", "dead-letters", Map.of());
        }
        if (args.size() >= 2 && args.get(0).equals("replay") && !args.get(1).startsWith("--")) {
            Map<String, String> options = options(args.subList(2, args.size()));
            Map<String, String> query = new LinkedHashMap<>();
            for (Map.Entry<String, String> option : options.entrySet()) {
                if (!List.of("since", "id").contains(option.getKey())) {
                    throw new IllegalArgumentException(DEAD_LETTERS_USAGE);
                }
                query.put(option.getKey(), option.getValue());
            }
            return new Request("POST", "dead-letters/" + OpsClient.segment(args.get(1)) + "/replay", query);
        }
        throw new IllegalArgumentException(DEAD_LETTERS_USAGE);
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
