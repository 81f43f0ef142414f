package dev.tandem.query.safeguarding;

import static dev.tandem.query.Erasure.ERASED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.common.Role;
import dev.tandem.api.concern.ConcernAction;
import dev.tandem.api.concern.ConcernActionRecorded;
import dev.tandem.api.concern.ConcernCategory;
import dev.tandem.api.concern.ConcernRecorded;
import dev.tandem.api.concern.FetchSettingConcerns;
import dev.tandem.api.concern.SettingConcerns.Action;
import dev.tandem.api.concern.SettingConcerns.Concern;
import dev.tandem.api.family.FamilyErased;
import dev.tandem.api.setting.StaffMemberRegistered;
import dev.tandem.query.ErasedAndRebuilt;
import dev.tandem.query.ErasureCheck;
import dev.tandem.query.TestMongo;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Erasing a family in the safeguarding-concerns group: the DSLs' list shows its children's names and what
 * their concerns say as erased (the retained record is read in the child's safeguarding history only),
 * now and for what is recorded later; other children are untouched, a redelivery changes nothing, and a
 * rebuild ends the same.
 */
class ConcernListErasureTest {

    private static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");
    private static final List<String> FAMILY_1_CHILDREN = List.of("child-1", "child-3");
    private static final List<String> PERSONAL = List.of("Zofia Nowak", "Jan Nowak", "Bruise on Zofia's arm",
            "Spoke to Mrs Nowak");
    private static final FamilyErased ERASURE = new FamilyErased("family-1", "setting-1", List.of("carer-1"),
            FAMILY_1_CHILDREN, List.of(new FamilyErased.Retained("child-1", LocalDate.of(2048, 3, 14),
                    "until the child is 25")), "Asked to be forgotten.", "manager-1", MONDAY.plusSeconds(86_400));

    @RegisterExtension
    final ErasedAndRebuilt stores = new ErasedAndRebuilt();

    private static ConcernListProjection concerns(TestMongo mongo) {
        ConcernListProjection concerns = new ConcernListProjection(mongo.template(),
                new MovableClock(MONDAY.plusSeconds(3600)));
        concerns.afterPropertiesSet();
        return concerns;
    }

    private static ErasureCheck check(TestMongo mongo) {
        return new ErasureCheck(mongo.template(),
                List.of("safeguarding_concerns", "safeguarding_children", "safeguarding_staff"),
                document -> FAMILY_1_CHILDREN.stream().anyMatch(childId -> childId.equals(document.get("childId"))
                        || childId.equals(document.get("_id"))),
                concerns(mongo));
    }

    private static ChildRegistered child(String childId, String familyId, String name) {
        return new ChildRegistered(childId, "setting-1", familyId, "room-1", "kp-1", name, null, "manager-1");
    }

    /**
     * With {@code erased}, as the event store reads it once family-1 is erased: its children's names read
     * "[erased]", while child-1's retained record still reads (its key is kept until its rule ends).
     */
    private static List<Object> history(boolean erased) {
        UnaryOperator<String> familys = text -> erased ? ERASED : text;
        return List.of(
                new StaffMemberRegistered("setting-1", "dsl-1", "Dana Lead", "dana@example.com", Set.of(Role.DSL),
                        "admin"),
                child("child-1", "family-1", familys.apply("Zofia Nowak")),
                child("child-3", "family-1", familys.apply("Jan Nowak")),
                child("child-2", "family-2", "Adam Khan"),
                new ConcernRecorded("c-1", "child-1", "family-1", "setting-1", ConcernCategory.INJURY,
                        "Bruise on Zofia's arm.", "dsl-1", MONDAY),
                new ConcernActionRecorded("a-1", "c-1", "child-1", "setting-1", ConcernAction.DISCUSSED_WITH_FAMILY,
                        "Spoke to Mrs Nowak.", "dsl-1", MONDAY.plusSeconds(600)),
                new ConcernActionRecorded("a-2", "c-1", "child-1", "setting-1", ConcernAction.CLOSED, null, "dsl-1",
                        MONDAY.plusSeconds(1200)),
                new ConcernRecorded("c-2", "child-2", "family-2", "setting-1", ConcernCategory.NEGLECT,
                        "Adam hungry every morning.", "dsl-1", MONDAY.plusSeconds(60)),
                new ConcernActionRecorded("a-3", "c-2", "child-2", "setting-1", ConcernAction.NOTED,
                        "Called the Khans.", "dsl-1", MONDAY.plusSeconds(700)));
    }

    private static Concern concern(TestMongo mongo, String concernId) throws Exception {
        return concerns(mongo).handle(new FetchSettingConcerns("setting-1", null)).get().concerns().stream()
                .filter(concern -> concern.id().equals(concernId)).findFirst().orElseThrow();
    }

    @Test
    void theListShowsTheFamilysChildrenAndWhatTheirConcernsSayAsErased() throws Exception {
        check(stores.erased).project(history(false));
        check(stores.erased).project(List.of(ERASURE));

        assertThat(concern(stores.erased, "c-1")).satisfies(concern -> {
            assertThat(concern.childName()).isEqualTo(ERASED);
            assertThat(concern.text()).isEqualTo(ERASED);
            assertThat(concern.category()).isEqualTo(ConcernCategory.INJURY);
            assertThat(concern.recordedBy().name()).isEqualTo("Dana Lead");
            assertThat(concern.actions()).extracting(Action::id, Action::note)
                    .containsExactly(tuple("a-1", ERASED),
                            tuple("a-2", null));
        });
        assertThat(concern(stores.erased, "c-2")).satisfies(concern -> {
            assertThat(concern.childName()).isEqualTo("Adam Khan");
            assertThat(concern.text()).isEqualTo("Adam hungry every morning.");
        });
    }

    @Test
    void whatIsRecordedLaterAboutTheRetainedRecordReadsAsErasedHereToo() throws Exception {
        check(stores.erased).project(history(false));
        check(stores.erased).project(List.of(ERASURE));

        check(stores.erased).project(List.of(
                new ConcernActionRecorded("a-4", "c-1", "child-1", "setting-1", ConcernAction.REOPENED,
                        "Zofia's new school asked for the record.", "dsl-1", MONDAY.plusSeconds(172_800)),
                new ConcernRecorded("c-3", "child-1", "family-1", "setting-1", ConcernCategory.OTHER,
                        "Zofia seen at the gate with her uncle.", "dsl-1", MONDAY.plusSeconds(172_900))));

        assertThat(concern(stores.erased, "c-1").actions()).extracting(Action::note).containsExactly(ERASED, null, ERASED);
        assertThat(concern(stores.erased, "c-3").text()).isEqualTo(ERASED);
        assertThat(ErasureCheck.holding(check(stores.erased).documents(), List.of("Zofia"))).isEmpty();
    }

    @Test
    void nothingOfTheFamilyRemainsOthersAreUntouchedAndARebuildEndsTheSame() throws Exception {
        Map<String, Document> erasedAtOnce = check(stores.erased).erasing(history(false), ERASURE, PERSONAL);

        assertThat(check(stores.rebuilt).rebuilding(history(true), ERASURE)).isEqualTo(erasedAtOnce);
    }
}
