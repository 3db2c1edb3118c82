package io.leadflow.export.service;

import io.leadflow.export.ExportFormat;
import io.leadflow.export.repository.LeadExportSession;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One download being made: its database transaction is already open, so the file is written by
 * {@link #writeTo(OutputStream)} on a worker thread, and released whatever happens to the client.
 */
public abstract class Export {

    private final ExportFormat format;
    private final String fileName;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean ended;

    protected Export(ExportFormat format, String fileName) {
        this.format = format;
        this.fileName = fileName;
    }

    public ExportFormat format() {
        return format;
    }

    public String fileName() {
        return fileName;
    }

    /** Writes the file. Blocking: call it once, on a worker thread. */
    public final void writeTo(OutputStream out) throws IOException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("An export is written once");
        }
        if (ended) {
            release();
            throw new IOException("The client went away before the export started");
        }
        write(out);
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
            throw new IOException("The client went away before the end of the file");
        }
        return session.markExportedAndCommit();
    }

    protected abstract void write(OutputStream out) throws IOException;

    /** Rolls back and gives the database connection back, for an export that will never be written. */
    protected abstract void release();
}
