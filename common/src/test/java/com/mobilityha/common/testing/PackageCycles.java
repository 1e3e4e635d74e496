package com.mobilityha.common.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import java.nio.file.Path;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The check every module runs on its own main classes ({@code target/classes}): no package depends
 * on itself through others, in a ring of two packages or more, so each feature package can be read
 * and changed on its own. Fails with the cycles ArchUnit found.
 */
public final class PackageCycles {
    private PackageCycles() {
    }

    /** Fails when the module's main packages form a cycle. */
    public static void assertNone() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPath(Path.of("target/classes"));
        slices().matching("com.mobilityha.(**)").should().beFreeOfCycles().check(classes);
    }
}
