package io.leadflow.export.service;

import io.leadflow.export.ExportFormat;
import io.leadflow.export.repository.LeadExportSession;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One download being made: its database transaction is already open, so the file is written by
 * {@link #writeTo(OutputStream)} on a worker thread, and released whatever happens to the client.
 */
public abstract class Export {

    private final ExportFormat format;
    private final String fileName;
    protected final ExportMetrics metrics;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean ended;
    private volatile long rowsDelivered = -1;

    protected Export(ExportFormat format, String fileName, ExportMetrics metrics) {
        this.format = format;
        this.fileName = fileName;
        this.metrics = metrics;
    }

    public ExportFormat format() {
        return format;
    }

    public String fileName() {
        return fileName;
    }

    /**
     * Writes the file. A client that goes away ends it quietly (the connection is gone: there is no one to answer),
     * any other failure is thrown, so that the download breaks off rather than end as if it were whole. Blocking:
     * call it once, on a worker thread.
     */
    public final void writeTo(OutputStream out) throws IOException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("An export is written once");
        }
        try {
            if (ended) {
                throw new ClientGone("before the export started", null);
            }
            write(new ClientStream(out));
        } catch (ClientGone e) {
            release();
            metrics.cancelled(this, "the client went away " + e.getMessage());
        }
    }

    /**
     * The response ended, or its connection closed: an export still being written stops at its next row, one
     * never started is released on {@code worker}. Never blocks, so the event loop may call it.
     */
    public final void responseEnded(Executor worker) {
        ended = true;
        if (started.compareAndSet(false, true)) {
            worker.execute(this::release);
        }
    }

    /** How many rows the whole file held, once it is delivered; empty while it is not (or never will be). */
    public final OptionalLong rowsDelivered() {
        long rows = rowsDelivered;
        return rows < 0 ? OptionalLong.empty() : OptionalLong.of(rows);
    }

    /** The whole file went out: {@code rows} rows, {@code marked} leads marked exported. */
    protected final void delivered(long rows, int marked, long start) {
        rowsDelivered = rows;
        metrics.delivered(this, rows, marked, start);
    }

    /** Whether the client is gone. */
    protected final boolean ended() {
        return ended;
    }

    /**
     * Marks the exported leads, if asked, and commits, once the whole file is out; unless the client closed the
     * connection meanwhile, in which case nothing is marked.
     */
    protected final int commit(LeadExportSession session) throws IOException, SQLException {
        if (ended) {
            throw new ClientGone("before the end of the file", null);
        }
        return session.markExportedAndCommit();
    }

    /**
     * What a failure while the rows were read by a cursor means: the client went away (the cursor stopped at its
     * next row), or the export failed, which is counted.
     */
    protected final IOException readFailure(Exception e) {
        if (e instanceof CancellationException) {
            return new ClientGone("while the rows were read", e);
        }
        metrics.failed(this, e);
        return new IOException("The export failed", e);
    }

    /** Writes the file to the client; {@link ClientGone} when the client goes away. */
    protected abstract void write(OutputStream out) throws IOException;

    /** Rolls back and gives the database connection back. Safe to call more than once. */
    protected abstract void release();

    /** The client went away: the export stops, nothing is marked, and there is no one left to answer. */
    protected static final class ClientGone extends IOException {
        ClientGone(String when, Throwable cause) {
            super(when, cause);
        }
    }

    /** The client's stream: a failure to write to it means the client went away. */
    private static final class ClientStream extends FilterOutputStream {

        ClientStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw gone(e);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw gone(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw gone(e);
            }
        }

        private static IOException gone(IOException e) {
            return e instanceof ClientGone ? e : new ClientGone("while the file was sent (" + e.getMessage() + ")", e);
        }
    }
}
