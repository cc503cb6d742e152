package com.chief.launch;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * chief-aws.jar is chief.jar without the embedded stack ({@code com.chief.local}) and the benchmarks
 * ({@code com.chief.bench}). Asked for either, it says so and exits instead of failing later with a
 * NoClassDefFoundError.
 */
public final class AwsJar {

    static final String WHAT = "This is the aws jar (chief-aws.jar): the local profile and benchmarks are in chief.jar.";

    private AwsJar() {
    }

    /** Whether this is chief-aws.jar: the build left the local stack out of it. */
    public static boolean running() {
        return AwsJar.class.getClassLoader().getResource("com/chief/local/LocalStack.class") == null;
    }

    /** Why this jar cannot run the benchmark {@code command}; empty in chief.jar. */
    public static Optional<String> benchmark(String command) {
        return running() ? Optional.of(WHAT + " Run 'java -jar chief.jar " + command + "'.") : Optional.empty();
    }

    /** Why this jar cannot run Chief's server in the {@code profile}; empty in chief.jar or in the aws profile. */
    public static Optional<String> server(Supplier<String> profile) {
        return running() && profile.get().equals("local")
                ? Optional.of(WHAT + " Set CHIEF_PROFILE=aws (unset means local), or run chief.jar.")
                : Optional.empty();
    }
}
