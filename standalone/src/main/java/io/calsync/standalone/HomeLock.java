package io.calsync.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One calsync per home directory: an exclusive lock on {@code <home>/calsync.lock}, held as long as calsync runs
 * and released by the operating system when the process ends, however it ends. A second calsync on the same home
 * (its Kafka log, its embedded PostgreSQL) stops at once with one line that says so, before it touches anything.
 */
final class HomeLock implements AutoCloseable {

    /** Another calsync runs on this home directory. */
    static final class HomeInUseException extends RuntimeException {
        HomeInUseException(Path home) {
            super("another calsync is running with home " + home + "; stop it first, or give this one a home of its own"
                    + " (CALSYNC_HOME=<directory>)");
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static HomeLock acquire(Path home) {
        FileChannel channel;
        try {
            channel = FileChannel.open(home.resolve("calsync.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the lock file in " + home, e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new HomeLock(channel, lock);
            }
        } catch (OverlappingFileLockException sameProcess) {
            // this process holds it already: in use all the same
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + home.resolve("calsync.lock"), e);
        }
        closeQuietly(channel);
        throw new HomeInUseException(home);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing is left to release
        }
    }
}
