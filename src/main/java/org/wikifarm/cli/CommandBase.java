package org.wikifarm.cli;

import java.util.concurrent.Callable;
import org.wikifarm.error.WikifarmException;
import picocli.CommandLine.Mixin;

/** Every command: the common options, and every failure turned into a message and its exit code, never a trace. */
abstract class CommandBase implements Callable<Integer> {
    @Mixin
    Common common;

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (WikifarmException e) {
            return common.fail(e);
        } catch (java.io.UncheckedIOException e) {
            return common.fail("io_error", e.getMessage(), ExitCode.FAILED);
        } catch (Exception e) {
            if (System.getenv("WIKIFARM_TRACE") != null) {
                e.printStackTrace(new java.io.PrintWriter(common.err(), true));
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return common.fail("failed", message, ExitCode.FAILED);
        }
    }

    abstract int execute() throws Exception;
}
