package io.leadflow.export.service;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Ends CSV records with CRLF, as RFC 4180 asks, where PostgreSQL's {@code COPY} ends them with a bare LF. A line
 * feed inside a quoted field is part of the value and is kept as it is. Works on the bytes as they pass: a
 * quote is one byte in UTF-8 and never part of another character, and an escaped quote ({@code ""}) toggles the
 * quoted state twice.
 */
public final class CrlfRecords extends FilterOutputStream {

    private static final byte QUOTE = '"';
    private static final byte LF = '\n';
    private static final byte[] CRLF = {'\r', '\n'};

    private boolean quoted;

    public CrlfRecords(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b == QUOTE) {
                quoted = !quoted;
            } else if (b == LF && !quoted) {
                out.write(bytes, start, i - start);
                out.write(CRLF);
                start = i + 1;
            }
        }
        out.write(bytes, start, end - start);
    }
}
