package io.leadflow.testinfra;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * A service's dependencies point one way: {@code rest -> service -> repository}. Resources reach the database only
 * through a service; repositories hold statements and row mapping and know neither services nor resources.
 */
public final class Layering {

    private Layering() {
    }

    /** Fails, naming each offending dependency, when a class of the service's main code breaks the rule. */
    public static void check(String servicePackage) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage);
        String rest = servicePackage + ".rest..";
        String service = servicePackage + ".service..";
        String repository = servicePackage + ".repository..";
        List<ArchRule> rules = List.of(
                noClasses().that().resideInAPackage(rest).should().dependOnClassesThat().resideInAPackage(repository)
                        .because("a resource reaches the database through a service"),
                noClasses().that().resideInAPackage(repository).should().dependOnClassesThat()
                        .resideInAnyPackage(service, rest).because("a repository holds statements and row mapping only"),
                noClasses().that().resideInAPackage(service).should().dependOnClassesThat().resideInAPackage(rest)
                        .because("use cases do not know how they are called"));
        rules.forEach(rule -> rule.allowEmptyShould(true).check(classes));
    }
}
