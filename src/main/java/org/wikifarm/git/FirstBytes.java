package org.wikifarm.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * A response body held back until its first {@code limit} bytes are written or it is closed, as JGit's own
 * {@code SmartOutputStream} does: git's negotiation and a push's status report fit in it, so a failure while they are
 * made can still become a clean HTTP error instead of half an answer. Flushes before then are ignored (over HTTP the
 * client reads the whole answer anyway).
 */
final class FirstBytes extends OutputStream {
    private final Supplier<OutputStream> target;
    private final int limit;
    private ByteArrayOutputStream held = new ByteArrayOutputStream();
    private OutputStream out;

    FirstBytes(Supplier<OutputStream> target, int limit) {
        this.target = target;
        this.limit = limit;
    }

    /** Whether nothing has reached the client yet: an error can still be answered with a status of its own. */
    boolean pending() {
        return out == null;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (out == null && held.size() + length <= limit) {
            held.write(bytes, offset, length);
            return;
        }
        release();
        out.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        release();
        out.close();
    }

    private void release() throws IOException {
        if (out == null) {
            out = target.get();
            held.writeTo(out);
            held = null;
        }
    }
}
