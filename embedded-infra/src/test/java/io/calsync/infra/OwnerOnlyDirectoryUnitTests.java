package io.calsync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyDirectoryUnitTests {

    @TempDir
    Path tmp;

    @Test
    void aNewDirectoryAndTheParentsMadeForItAreOwnerOnly() throws Exception {
        Path dir = tmp.resolve("home/kafka");

        OwnerOnlyDirectory.ensure(dir);

        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(tmp.resolve("home"))).isEqualTo("rwx------");
    }

    @Test
    void anExistingDirectoryOpenToOthersIsMadeOwnerOnlyAndKeepsItsContent() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("home"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx")); // past any umask
        Files.writeString(dir.resolve("vault.key"), "kept");

        OwnerOnlyDirectory.ensure(dir);

        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(dir.resolve("vault.key")).hasContent("kept");
    }

    static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
