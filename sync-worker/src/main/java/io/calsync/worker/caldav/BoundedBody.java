package io.calsync.worker.caldav;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.http.HttpEntity;
import org.apache.http.entity.HttpEntityWrapper;

/**
 * An answer body that may hold at most {@code limit} bytes. Reading past it fails instead of truncating: a cut
 * multistatus could still parse, and then mean something else than what the server sent.
 */
final class BoundedBody extends FilterInputStream {

    private final long limit;
    private long count;
    private boolean closed;

    BoundedBody(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    /** More bytes arrived than the limit allows. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("the answer is larger than " + limit + " bytes");
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false; // a reset would let bytes be counted twice, or not at all
    }

    @Override
    public void close() throws IOException {
        closed = true;
        super.close();
    }

    /** Reads what is left (within the limit), so that the connection can serve the next call. */
    void drain() throws IOException {
        if (!closed) {
            transferTo(OutputStream.nullOutputStream());
            close();
        }
    }

    /** {@code entity} whose content is read through a {@link BoundedBody}. */
    static final class Entity extends HttpEntityWrapper {
        private final long limit;
        private BoundedBody body;

        Entity(HttpEntity entity, long limit) {
            super(entity);
            this.limit = limit;
        }

        @Override
        public BoundedBody getContent() throws IOException {
            if (body == null) {
                body = new BoundedBody(super.getContent(), limit);
            }
            return body;
        }

        /** How many bytes of the answer were read so far. */
        long bytesRead() {
            return body == null ? 0 : body.count;
        }
    }

    private void counted(long n) throws TooLarge {
        count += n;
        if (count > limit) {
            throw new TooLarge(limit);
        }
    }
}
