package io.calsync.standalone;

import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.calsync.service.failure.FailurePolicy;
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

    /**
     * The domain packages, whole: what the platform wants in a calendar, the sync template and its port, busy time
     * and free-slot arithmetic. A class added to one of them is checked without anyone listing it.
     */
    private static final String[] DOMAIN = {"io.calsync.worker.domain..", "io.calsync.worker.sync..",
        "io.calsync.availability.domain..", "io.calsync.service.failure.."};

    /** What a domain class never touches: frameworks, Kafka, JDBC, HTTP clients, Resilience4j, ical4j, JSON. */
    private static final String[] OUTSIDE_SYSTEMS = {"org.springframework..", "org.apache.kafka..", "java.sql..",
        "javax.sql..", "org.apache.hc..", "org.apache.http..", "java.net.http..", "com.github.sardine..",
        "io.github.resilience4j..", "net.fortuna..", "tools.jackson..", "com.fasterxml.jackson..", "io.micrometer.."};

    @Test
    void theDomainImportsNoFrameworkNoKafkaNoJdbcNoHttpClientNoResilience4jNoIcal4j() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage(OUTSIDE_SYSTEMS)
                .check(CALSYNC);
    }

    @Test
    void theDomainDependsOnNoAdapter() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("io.calsync.worker.caldav..",
                        "io.calsync.worker.ical..", "io.calsync.worker.outbox..", "io.calsync.worker.poll..",
                        "io.calsync.worker.push..", "io.calsync.worker.account..", "io.calsync.worker.resilience..",
                        "io.calsync.availability.ingest..", "io.calsync.availability.web..", "io.calsync.service.kafka..",
                        "io.calsync.service.web..", "io.calsync.service.security..", "io.calsync.service.logging..",
                        "io.calsync.service.openapi..")
                .check(CALSYNC);
    }

    /** One place decides what a failure means: nobody else makes up a retry, a pause, a give-up or a bug. */
    @Test
    void onlyTheFailureClassifierDecidesWhatAFailureMeans() {
        noClasses().that().resideOutsideOfPackage("io.calsync.service.failure..")
                .should().callConstructorWhere(target(owner(assignableTo(FailurePolicy.class))))
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
    void noCyclesBetweenPackages() {
        slices().matching("io.calsync.(*).(*)..").should().beFreeOfCycles().check(CALSYNC);
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
