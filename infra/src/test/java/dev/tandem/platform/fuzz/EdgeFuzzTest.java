package dev.tandem.platform.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.tandem.platform.fuzz.FuzzPlatform.Answer;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Disabled;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The edge, fuzzed: over ten thousand generated malformed requests, across every endpoint of the contract,
 * to one platform on the embedded default. Each must be answered without a 5xx, refused (never a 2xx),
 * refused as problem+json with a type, a title and its status, and without a class name, stack trace or
 * SQL; none may store anything (the event store's row count is checked after every request and at the
 * end), and the platform is healthy afterwards.
 *
 * <p>Each property spoils one thing of a request that is otherwise right, as the caller the contract lets
 * make it (nine times in ten; otherwise as one it does not): a field's JSON type, a field's value, a
 * required field left out, a value nested too deep, text too long, NUL, control characters and lone
 * surrogates, bytes that are not UTF-8, a key given twice, JSON that is not JSON, another content type, ids
 * in the address, the query string, the token, the caller, the method, the Twilio signature. The
 * properties at the end are server bugs the fuzz found, kept out of the run until they are fixed.
 *
 * <p>Bounded (each try one request) to stay well within three minutes on two shared cores: about 70 s,
 * 20 s of them the platform's start and the nursery's set-up.
 */
@PropertyDefaults(generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.BOUNDED,
        afterFailure = AfterFailureMode.RANDOM_SEED, edgeCases = EdgeCasesMode.NONE)
class EdgeFuzzTest {

    private static final int AT_LEAST = 10_000;

    private static FuzzPlatform platform;
    private static FuzzWorld world;
    private static Malformed malformed;
    private static long storedAtStart;
    private static long stored;
    private static long startedAt;
    private static final Map<String, AtomicInteger> SENT = new ConcurrentHashMap<>();

    @BeforeContainer
    static void onePlatformForTheWholeRun() {
        long starting = System.nanoTime();
        platform = FuzzPlatform.start();
        world = FuzzWorld.setUp(platform);
        Contract contract = new Contract(world);
        malformed = new Malformed(world, contract, new Tokens(platform.jwtSecret),
                new TwilioForms(platform.twilioAuthToken, platform.publicUrl, world.carerPhones));
        storedAtStart = platform.storedEvents();
        stored = storedAtStart;
        startedAt = System.nanoTime();
        System.out.printf("Edge fuzz: platform started and nursery set up in %d s%n",
                Duration.ofNanos(startedAt - starting).toSeconds());
    }

    @AfterContainer
    static void nothingWasStoredAndThePlatformIsHealthy() {
        if (platform == null) {
            return;
        }
        try {
            int sent = SENT.values().stream().mapToInt(AtomicInteger::get).sum();
            System.out.printf("Edge fuzz: %d requests in %d s%n%s%n", sent,
                    Duration.ofNanos(System.nanoTime() - startedAt).toSeconds(), new TreeMap<>(SENT));
            try {
                // a late write would show here: the count must hold still, where it started, for a while
                await().atMost(Duration.ofSeconds(10)).during(Duration.ofSeconds(2))
                        .until(() -> platform.storedEvents() == storedAtStart);
            } catch (ConditionTimeoutException e) {
                assertThat(platform.storedEvents()).as("events stored by the fuzz's refused requests")
                        .isEqualTo(storedAtStart);
            }
            assertThat(platform.healthy()).as("/actuator/health is UP after the fuzz").isTrue();
            if (SENT.keySet().size() == enabledProperties().length) {
                assertThat(sent).as("requests sent by a full run").isGreaterThanOrEqualTo(AT_LEAST);
            }
        } finally {
            platform.close();
        }
    }

    // bodies

    @Property(tries = 1200)
    void aFieldOfAnotherJsonTypeIsRefused(@ForAll("wrongTypes") Probe probe) {
        refused("wrong types", probe);
    }

    @Property(tries = 900)
    void aFieldWithAValueTheContractDoesNotAllowIsRefused(@ForAll("badValues") Probe probe) {
        refused("bad values", probe);
    }

    @Property(tries = 600)
    void aBodyWithoutARequiredFieldIsRefused(@ForAll("missingFields") Probe probe) {
        refused("missing fields", probe);
    }

    @Property(tries = 600)
    void aValueNestedDeeperThanItsFieldIsRefused(@ForAll("extraNesting") Probe probe) {
        refused("extra nesting", probe);
    }

    @Property(tries = 500)
    void textLongerThanItsFieldTakesIsRefused(@ForAll("oversizedText") Probe probe) {
        refused("oversized text", probe);
    }

    @Property(tries = 1100)
    void nulControlCharactersAndLoneSurrogatesAreRefusedInEveryTextField(@ForAll("forbiddenCharacters") Probe probe) {
        refused("forbidden characters", probe);
    }

    @Property(tries = 700)
    void bytesThatAreNotUtf8AreRefused(@ForAll("invalidUtf8") Probe probe) {
        refused("invalid UTF-8", probe);
    }

    @Property(tries = 700)
    void aPropertyGivenTwiceIsRefused(@ForAll("duplicateKeys") Probe probe) {
        refused("duplicate keys", probe);
    }

    @Property(tries = 900)
    void whatIsNotJsonIsRefused(@ForAll("malformedJson") Probe probe) {
        refused("malformed JSON", probe);
    }

    @Property(tries = 600)
    void aRightBodyOfAnotherContentTypeIsRefused(@ForAll("otherContentTypes") Probe probe) {
        refused("content types", probe);
    }

    // addresses, tokens, callers, methods

    @Property(tries = 1100)
    void idsInTheAddressThatAreNotUuidsOrUnknownAreRefused(@ForAll("badPathIds") Probe probe) {
        refused("path ids", probe);
    }

    @Property(tries = 800)
    void badQueryStringsAndReviewReasonsAreRefused(@ForAll("badQueries") Probe probe) {
        refused("queries", probe);
    }

    @Property(tries = 1100)
    void aTokenThePlatformDidNotIssueOrNoLongerHonoursIsRefused(@ForAll("badTokens") Probe probe) {
        refused("tokens", probe);
    }

    @Property(tries = 100)
    void aTokenInTheQueryStringIsNotBelieved(@ForAll("tokenInTheQuery") Probe probe) {
        refused("token in query", probe);
    }

    @Property(tries = 600)
    void aRightRequestFromSomeoneTheContractDoesNotLetMakeItIsRefused(@ForAll("refusedCallers") Probe probe) {
        refused("refused callers", probe);
    }

    @Property(tries = 400)
    void aMethodTheAddressDoesNotTakeIsRefused(@ForAll("unsupportedMethods") Probe probe) {
        refused("methods", probe);
    }

    @Property(tries = 800)
    void forgedTwilioWebhooksAreRefusedAndSignedOnesFromStrangersStoreNothing(@ForAll("twilioWebhooks") Probe probe) {
        refused("twilio webhooks", probe);
    }

    // Server bugs the fuzz found (see the properties' reasons): each is what the edge must do, and fails today.

    @Property(tries = 150)
    @Disabled("Server bug found by the fuzz: a request target that is not a URI (a raw \" { } | ^ ` \\ < > or a broken "
            + "percent-escape such as %ZZ) is answered 400 with an empty body by Spring's ReactorHttpHandlerAdapter, "
            + "not problem+json. Enable once fixed.")
    void anAddressThatIsNotAUriIsRefusedAsAProblem(@ForAll("rawRequestTargets") String target) {
        Probe probe = Probe.refused("raw target", "GET", target, List.of(), null);
        check("raw targets", probe, RawHttp.send(platform.port, "GET", target, world.token(FuzzWorld.Who.MANAGER)));
    }

    @Property(tries = 150)
    void anAnswerNobodyCanAcceptIsRefusedBeforeAnythingIsStored(@ForAll("unacceptableAccept") Probe probe) {
        refused("unacceptable accept", probe);
    }

    @Property(tries = 100)
    void aTokenWithoutAUsableSubjectIsRefused(@ForAll("tokensWithoutUsableSubject") Probe probe) {
        refused("tokens without subject", probe);
    }

    @Property(tries = 100)
    void aFormWithBrokenPercentEscapesIsRefused(@ForAll("brokenPercentEscapes") Probe probe) {
        refused("broken percent escapes", probe);
    }

    @Property(tries = 100)
    void aSignedWebhookCarryingNulIsAnsweredWithoutAServerError(@ForAll("signedWithNul") Probe probe) {
        refused("signed with NUL", probe);
    }

    @Property(tries = 150)
    @Disabled("Server bug found by the fuzz: overlong UTF-8 (C0 AF for '/', C1 81 for 'A') is not UTF-8, yet "
            + "Jackson decodes it and the command is stored (201). Enable once fixed.")
    void overlongUtf8IsRefused(@ForAll("overlongUtf8") Probe probe) {
        refused("overlong UTF-8", probe);
    }

    @Property(tries = 60)
    void aReviewReasonWithC1ControlsIsRefused(@ForAll("reviewReasonsWithC1Controls") Probe probe) {
        refused("review reasons with C1", probe);
    }

    // -------------------------------------------------------------------------------------------------

    private static void refused(String property, Probe probe) {
        check(property, probe, platform.send(probe));
    }

    /** The edge policy for one answer, and nothing stored by the request. */
    private static void check(String property, Probe probe, Answer answer) {
        SENT.computeIfAbsent(property, p -> new AtomicInteger()).incrementAndGet();
        Statistics.label("status").collect(answer.status());
        long now = platform.storedEvents();
        String storedNow = null;
        if (now != stored) {
            storedNow = (now - stored) + " event(s) stored (" + platform.latestEvents(now - stored) + ")";
            stored = now;
        }
        String violation = EdgePolicy.violation(probe, answer);
        if (violation != null || storedNow != null) {
            fail((violation == null ? storedNow + " by a request that must store nothing"
                    : violation + (storedNow == null ? "" : "; " + storedNow))
                    + "\n  request: " + probe + "\n  answer: " + show(answer));
        }
    }

    private static String show(Answer answer) {
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        return answer.status() + " " + answer.contentType() + " "
                + (body.length() > 600 ? body.substring(0, 600) + "..." : body);
    }

    private static Method[] enabledProperties() {
        return Arrays.stream(EdgeFuzzTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Property.class) && !m.isAnnotationPresent(Disabled.class))
                .toArray(Method[]::new);
    }

    @Provide
    Arbitrary<Probe> wrongTypes() {
        return malformed.wrongTypes();
    }

    @Provide
    Arbitrary<Probe> badValues() {
        return malformed.badValues();
    }

    @Provide
    Arbitrary<Probe> missingFields() {
        return malformed.missingFields();
    }

    @Provide
    Arbitrary<Probe> extraNesting() {
        return malformed.extraNesting();
    }

    @Provide
    Arbitrary<Probe> oversizedText() {
        return malformed.oversizedText();
    }

    @Provide
    Arbitrary<Probe> forbiddenCharacters() {
        return malformed.forbiddenCharacters();
    }

    @Provide
    Arbitrary<Probe> invalidUtf8() {
        return malformed.invalidUtf8();
    }

    @Provide
    Arbitrary<Probe> duplicateKeys() {
        return malformed.duplicateKeys();
    }

    @Provide
    Arbitrary<Probe> malformedJson() {
        return malformed.malformedJson();
    }

    @Provide
    Arbitrary<Probe> otherContentTypes() {
        return malformed.otherContentTypes();
    }

    @Provide
    Arbitrary<Probe> badPathIds() {
        return malformed.badPathIds();
    }

    @Provide
    Arbitrary<Probe> badQueries() {
        return malformed.badQueries();
    }

    @Provide
    Arbitrary<Probe> badTokens() {
        return malformed.badTokens();
    }

    @Provide
    Arbitrary<Probe> tokenInTheQuery() {
        return malformed.tokenInTheQuery();
    }

    @Provide
    Arbitrary<Probe> refusedCallers() {
        return malformed.refusedCallers();
    }

    @Provide
    Arbitrary<Probe> unsupportedMethods() {
        return malformed.unsupportedMethods();
    }

    @Provide
    Arbitrary<Probe> twilioWebhooks() {
        return malformed.twilioWebhooks();
    }

    @Provide
    Arbitrary<String> rawRequestTargets() {
        return malformed.rawRequestTargets();
    }

    @Provide
    Arbitrary<Probe> unacceptableAccept() {
        return malformed.unacceptableAccept();
    }

    @Provide
    Arbitrary<Probe> tokensWithoutUsableSubject() {
        return malformed.tokensWithoutUsableSubject();
    }

    @Provide
    Arbitrary<Probe> brokenPercentEscapes() {
        return malformed.brokenPercentEscapes();
    }

    @Provide
    Arbitrary<Probe> signedWithNul() {
        return malformed.signedWithNul();
    }

    @Provide
    Arbitrary<Probe> overlongUtf8() {
        return malformed.overlongUtf8();
    }

    @Provide
    Arbitrary<Probe> reviewReasonsWithC1Controls() {
        return malformed.reviewReasonsWithC1Controls();
    }
}
