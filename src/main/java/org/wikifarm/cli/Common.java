package org.wikifarm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wikifarm.error.WikifarmException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command takes ({@code --data}, {@code --json}) and how a command answers: its result as text
 * for people or as one JSON document on standard output; errors as {@code {"error","message"}} (JSON) or one line on
 * standard error, each with its {@link ExitCode}.
 */
public final class Common {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "The Wikifarm data folder (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--json", description = "Answer with one JSON document on standard output.")
    boolean json;

    Path dataDir() {
        return data.toAbsolutePath().normalize();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints the result: {@code value} as JSON, or {@code text} for people. */
    void answer(Object value, String text) {
        if (json) {
            try {
                out().println(JSON.writeValueAsString(value));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out().print(text.endsWith("\n") ? text : text + "\n");
        }
        out().flush();
    }

    /** Reports a failure and returns its exit code. */
    int fail(String code, String message, int exitCode) {
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", code);
            body.put("message", message);
            body.put("exitCode", exitCode);
            answer(body, "");
        } else {
            err().println("wikifarm: " + message);
            err().flush();
        }
        return exitCode;
    }

    int fail(WikifarmException e) {
        return fail(e.code(), e.getMessage(), ExitCode.of(e));
    }

    Progress progress(String what, long total) {
        return new Progress(err(), what, total, !json && System.console() != null);
    }
}
