package dev.tandem.platform;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.spring.stereotype.Aggregate;

/** The module boundaries of STYLE.md, checked on every build rather than hoped for. */
@AnalyzeClasses(packages = "dev.tandem", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    /**
     * Every package of the code base is a slice, and no package reaches itself through others. Read from
     * bytecode: a constant borrowed from another package is inlined and leaves no trace here, which is
     * what query-side's source-level cycle test is for.
     */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.tandem.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule apiDependsOnNothingOfOurs = classes()
            .that().resideInAPackage("dev.tandem.api..")
            .should().onlyDependOnClassesThat(resideInAPackage("dev.tandem.api..").or(resideOutsideOfPackage("dev.tandem..")))
            .as("api depends on nothing of ours");

    @ArchTest
    static final ArchRule apiHoldsNoFrameworkButAxonAnnotations = noClasses()
            .that().resideInAPackage("dev.tandem.api..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..", "jakarta.persistence..");

    @ArchTest
    static final ArchRule queryAndNotifierNeverImportTheCommandSide = noClasses()
            .that().resideInAnyPackage("dev.tandem.query..", "dev.tandem.notifier..")
            .should().dependOnClassesThat().resideInAPackage("dev.tandem.command..");

    @ArchTest
    static final ArchRule servicesDoNotKnowEachOther = noClasses()
            .that().resideInAnyPackage("dev.tandem.command..", "dev.tandem.notifier..")
            .should().dependOnClassesThat().resideInAPackage("dev.tandem.query..");

    @ArchTest
    static final ArchRule commandSideDoesNotKnowTheNotifier = noClasses()
            .that().resideInAPackage("dev.tandem.command..")
            .should().dependOnClassesThat().resideInAPackage("dev.tandem.notifier..");

    @ArchTest
    static final ArchRule onlyTheLauncherKnowsTheLauncher = noClasses()
            .that().resideInAnyPackage("dev.tandem.api..", "dev.tandem.support..", "dev.tandem.command..",
                    "dev.tandem.query..", "dev.tandem.notifier..")
            .should().dependOnClassesThat().resideInAPackage("dev.tandem.platform..");

    @ArchTest
    static final ArchRule supportKnowsNoService = noClasses()
            .that().resideInAPackage("dev.tandem.support..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.tandem.command..", "dev.tandem.query..",
                    "dev.tandem.notifier..");

    @ArchTest
    static final ArchRule aggregatesKnowNoWebOrMongo = noClasses()
            .that().areAnnotatedWith(Aggregate.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..",
                    "org.springframework.http..", "org.springframework.data.mongodb..", "com.mongodb..",
                    "org.springframework.jdbc..", "reactor..");

    @ArchTest
    static final ArchRule domainLookupsKnowNoWebOrMongo = noClasses()
            .that().haveFullyQualifiedName("dev.tandem.command.lookup.RuleLookups")
            .or().haveFullyQualifiedName("dev.tandem.command.lookup.Permissions")
            .or().haveFullyQualifiedName("dev.tandem.command.account.CredentialStore")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..");
}
