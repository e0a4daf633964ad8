package io.calsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeLockUnitTests {

    @TempDir
    Path home;

    @Test
    void aSecondCalsyncOnTheSameHome_isRefusedWithOneLineThatSaysWhatToDo_untilTheFirstStops() {
        HomeLock first = HomeLock.acquire(home);

        assertThatThrownBy(() -> HomeLock.acquire(home))
                .isInstanceOf(HomeLock.HomeInUseException.class)
                .hasMessageContaining("another calsync is running with home " + home)
                .hasMessageContaining("CALSYNC_HOME")
                .hasNoCause();

        first.close();
        HomeLock.acquire(home).close();
    }

    @Test
    void anotherHome_isNotInTheWay(@TempDir Path otherHome) {
        try (HomeLock first = HomeLock.acquire(home); HomeLock second = HomeLock.acquire(otherHome)) {
            assertThat(home.resolve("calsync.lock")).exists();
            assertThat(otherHome.resolve("calsync.lock")).exists();
        }
    }
}
