package io.commentdesk.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The floors of the code (README, "Architecture"): features rest on shared layers, never on each
 * other both ways. Fails the build on any package cycle, and on a shared floor reaching up.
 */
@AnalyzeClasses(packages = "io.commentdesk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.commentdesk.(*)..").should().beFreeOfCycles();

    /** The ground floor: the HTTP edge, JDBC helpers, change notices, privacy primitives. */
    @ArchTest
    static final ArchRule theGroundFloorUsesNoFeature = noClasses()
            .that().resideInAnyPackage("io.commentdesk.web..", "io.commentdesk.db..", "io.commentdesk.notices..",
                    "io.commentdesk.privacy..")
            .should().dependOnClassesThat().resideInAnyPackage("io.commentdesk.identity..", "io.commentdesk.audit..",
                    "io.commentdesk.article..", "io.commentdesk.rules..", "io.commentdesk.comment..",
                    "io.commentdesk.moderation..", "io.commentdesk.reading..");

    /** Who acts and what they did are shared by every feature, and know none of them. */
    @ArchTest
    static final ArchRule identityAndAuditUseNoFeature = noClasses()
            .that().resideInAnyPackage("io.commentdesk.identity..", "io.commentdesk.audit..")
            .should().dependOnClassesThat().resideInAnyPackage("io.commentdesk.article..", "io.commentdesk.rules..",
                    "io.commentdesk.comment..", "io.commentdesk.moderation..", "io.commentdesk.reading..");

    /** Storing comments rests on articles and rules; the queue and the readers' side rest on comments, not the reverse. */
    @ArchTest
    static final ArchRule commentsKnowNeitherQueueNorReaders = noClasses()
            .that().resideInAnyPackage("io.commentdesk.comment..", "io.commentdesk.article..", "io.commentdesk.rules..")
            .should().dependOnClassesThat().resideInAnyPackage("io.commentdesk.moderation..", "io.commentdesk.reading..",
                    "io.commentdesk.personaldata..");

    /** Admins' privacy operations are a top floor: no other feature rests on them. */
    @ArchTest
    static final ArchRule nothingRestsOnPersonalData = noClasses()
            .that().resideOutsideOfPackage("io.commentdesk.personaldata..")
            .should().dependOnClassesThat().resideInAnyPackage("io.commentdesk.personaldata..");
}
