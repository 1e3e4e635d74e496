package com.mobilityha.localstack.quality;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The check every module runs on its own main classes: no package depends on itself through
 * others, in a ring of two packages or more, so each feature package can be read and changed on
 * its own. Fails with the cycles ArchUnit found.
 */
public final class PackageCycles {
    private PackageCycles() {
    }

    /** Fails when the packages of the module (the classes directory or jar) holding {@code anyMainClass} form a cycle. */
    public static void assertNone(Class<?> anyMainClass) {
        JavaClasses classes = new ClassFileImporter()
                .importUrl(anyMainClass.getProtectionDomain().getCodeSource().getLocation());
        slices().matching("com.mobilityha.(**)").should().beFreeOfCycles().check(classes);
    }
}
