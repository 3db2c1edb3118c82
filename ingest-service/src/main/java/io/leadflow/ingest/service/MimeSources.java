package io.leadflow.ingest.service;

import jakarta.activation.DataSource;
import jakarta.mail.util.SharedByteArrayInputStream;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * MIME content read from bytes already in memory: through a {@link SharedByteArrayInputStream}, so Jakarta Mail's
 * parts are views of the one array rather than copies of their bytes at every level of nesting.
 */
public final class MimeSources {

    private MimeSources() {
    }

    /** A multipart body of the given content type (its boundary), for {@code new MimeMultipart(…)}. */
    public static DataSource shared(byte[] bytes, String contentType) {
        return new DataSource() {
            @Override
            public InputStream getInputStream() {
                return new SharedByteArrayInputStream(bytes);
            }

            @Override
            public OutputStream getOutputStream() {
                throw new UnsupportedOperationException("read only");
            }

            @Override
            public String getContentType() {
                return contentType;
            }

            @Override
            public String getName() {
                return "body";
            }
        };
    }
}
