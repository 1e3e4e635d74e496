package com.mobilityha.notifier;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The notifier's packages depend on each other in one direction only: no two of them, nor a longer ring, form a cycle. */
class PackageCyclesTest {

    @Test
    void packagesAreFreeOfCycles() {
        JavaClasses notifier = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.mobilityha.notifier");

        slices().matching("com.mobilityha.(**)").should().beFreeOfCycles().check(notifier);
    }
}
