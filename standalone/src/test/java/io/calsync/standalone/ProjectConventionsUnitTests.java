package io.calsync.standalone;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The conventions of STYLE.md that a machine can check, over every module. */
class ProjectConventionsUnitTests {

    private static final JavaClasses CALSYNC = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.calsync");

    /** The pure logic: desired state, occurrences, slot diffs, busy intervals, error classification. */
    private static final String[] DOMAIN = {
        "io.calsync.worker.push.Appointment", "io.calsync.worker.resilience.FailurePolicy",
        "io.calsync.worker.resilience.FailureClassifier", "io.calsync.worker.ical.Occurrence",
        "io.calsync.worker.poll.SlotDiff", "io.calsync.worker.poll.Slot",
        "io.calsync.availability.busy.Intervals", "io.calsync.availability.busy.BusyInterval",
        "io.calsync.availability.busy.BusySource"};

    @Test
    void theDomainImportsNoFrameworkNoKafkaNoHttpClientNoIcal4j() {
        noClasses().that().haveFullyQualifiedName(DOMAIN[0]).or().haveFullyQualifiedName(DOMAIN[1])
                .or().haveFullyQualifiedName(DOMAIN[2]).or().haveFullyQualifiedName(DOMAIN[3])
                .or().haveFullyQualifiedName(DOMAIN[4]).or().haveFullyQualifiedName(DOMAIN[5])
                .or().haveFullyQualifiedName(DOMAIN[6]).or().haveFullyQualifiedName(DOMAIN[7])
                .or().haveFullyQualifiedName(DOMAIN[8])
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "org.apache.http..", "com.github.sardine..", "net.fortuna..", "java.sql..", "tools.jackson..")
                .check(CALSYNC);
    }

    @Test
    void theContractsDependOnNoService() {
        noClasses().that().resideInAPackage("io.calsync.contracts..")
                .should().dependOnClassesThat().resideInAnyPackage("io.calsync.worker..", "io.calsync.availability..",
                        "io.calsync.service..", "org.springframework..")
                .check(CALSYNC);
    }

    @Test
    void theServicesDoNotReachIntoEachOther() {
        noClasses().that().resideInAPackage("io.calsync.worker..")
                .should().dependOnClassesThat().resideInAPackage("io.calsync.availability..").check(CALSYNC);
        noClasses().that().resideInAPackage("io.calsync.availability..")
                .should().dependOnClassesThat().resideInAPackage("io.calsync.worker..").check(CALSYNC);
    }

    @Test
    void onlyTheCalDavAdapterTouchesSardineAndOnlyTheIcalAdapterTouchesIcal4j() {
        classes().that().resideOutsideOfPackage("io.calsync.worker.caldav..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackage("com.github.sardine..").check(CALSYNC);
        classes().that().resideOutsideOfPackage("io.calsync.worker.ical..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackage("net.fortuna..").check(CALSYNC);
    }

    @Test
    void everyPackageSaysWhatItIsFor() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> packages;
        try (Stream<Path> files = Files.walk(root)) {
            packages = files
                    .filter(p -> p.toString().contains("/src/main/java/") && !p.toString().contains("/target/")
                            && p.toString().endsWith(".java"))
                    .map(Path::getParent).distinct().toList();
        }
        assertThat(packages).as("packages found under " + root).hasSizeGreaterThan(15);
        assertThat(packages).filteredOn(dir -> !Files.exists(dir.resolve("package-info.java"))).isEmpty();
    }
}
