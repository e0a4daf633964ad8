package io.calsync.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Directories the local run keeps data in (event titles in Kafka's segment files, stored credentials in
 * PostgreSQL, keys): {@code rwx-------}, so that no other user of the machine can enter them, whatever the modes
 * of the files that Kafka or PostgreSQL create inside (Kafka's follow the process umask, {@code rw-r--r--} under the
 * usual 022).
 */
public final class OwnerOnlyDirectory {

    public static final Set<PosixFilePermission> PERMISSIONS = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyDirectory() {
    }

    /**
     * Creates {@code dir} (and its missing parents) owner-only, or makes an existing {@code dir} owner-only: one made
     * by an earlier version, or by hand, may be open to others.
     */
    public static Path ensure(Path dir) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return createDirectories(dir); // no POSIX modes to set (Windows): the user profile's ACLs apply
        }
        createDirectories(dir, PosixFilePermissions.asFileAttribute(PERMISSIONS));
        try {
            if (!Files.getPosixFilePermissions(dir).equals(PERMISSIONS)) {
                Files.setPosixFilePermissions(dir, PERMISSIONS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir + " readable by its owner only (rwx------)", e);
        }
        return dir;
    }

    private static Path createDirectories(Path dir, FileAttribute<?>... attributes) {
        try {
            return Files.createDirectories(dir, attributes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + dir, e);
        }
    }
}
