package dev.tandem.platform.fuzz;

import dev.tandem.platform.fuzz.FuzzPlatform.Answer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every answer at the edge must be (issue 15, CONTRACT.md "Conventions"): never a 5xx; a malformed
 * request never a 2xx; every 4xx {@code application/problem+json} with {@code type}, {@code title} and
 * {@code status}; no class name, stack trace or SQL anywhere in a body.
 */
final class EdgePolicy {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What only the platform's insides would write. The fuzz never puts any of it in a request. */
    static final List<String> LEAKS = List.of("dev.tandem", "java.", "javax.", "jakarta.", "Exception", "\tat ",
            "at org.", "at java.", "Caused by", "org.springframework", "reactor.core", "io.netty", "tools.jackson",
            "com.fasterxml", "org.axonframework", "org.postgresql", "PSQL", "SQLState", "SQL state", "syntax error at",
            "duplicate key value", "bodyType", "Illegal character");

    private EdgePolicy() {
    }

    /** Why the answer breaks the policy, or null when it keeps it. */
    static String violation(Probe probe, Answer answer) {
        int status = answer.status();
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        for (String leak : LEAKS) {
            if (body.contains(leak)) {
                return "the body shows \"" + leak + "\"";
            }
        }
        if (status >= 500) {
            return "a server error";
        }
        boolean success = status >= 200 && status < 300;
        if (probe.expect() == Probe.Expect.REFUSED && !(status >= 400 && status < 500)) {
            return success ? "a malformed request was accepted" : "neither refused nor accepted";
        }
        if (probe.expect() == Probe.Expect.MAY_SUCCEED_STORING_NOTHING && !success && !(status >= 400 && status < 500)) {
            return "neither refused nor accepted";
        }
        if (status >= 400 && !twilioRefusal(probe, answer)) {
            return problemViolation(answer, body);
        }
        return null;
    }

    /**
     * Twilio's webhooks answer a signature that does not match with a bare 403, as the OpenAPI description
     * documents: TwiML's empty {@code <Response/>} on the SMS hook, no body on the status hook. Twilio
     * reads neither. Every other refusal there (413, 415) is problem+json like anywhere else.
     */
    private static boolean twilioRefusal(Probe probe, Answer answer) {
        if (answer.status() != 403) {
            return false;
        }
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        if (probe.target().equals(TwilioForms.SMS)) {
            return answer.contentType() != null && answer.contentType().startsWith("application/xml")
                    && body.equals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
        }
        return probe.target().equals(TwilioForms.STATUS) && answer.body().length == 0;
    }

    private static String problemViolation(Answer answer, String body) {
        if (answer.contentType() == null || !answer.contentType().startsWith("application/problem+json")) {
            return "a " + answer.status() + " of type " + answer.contentType() + ", not application/problem+json";
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (RuntimeException e) {
            return "a problem that is not JSON";
        }
        if (problem == null || !problem.isObject()) {
            return "a problem that is not a JSON object";
        }
        if (!problem.path("status").isInt() || problem.path("status").asInt() != answer.status()) {
            return "a problem whose status is not " + answer.status();
        }
        if (!problem.path("type").isString() || problem.path("type").asString().isBlank()) {
            return "a problem without a type";
        }
        if (!problem.path("title").isString() || problem.path("title").asString().isBlank()) {
            return "a problem without a title";
        }
        return null;
    }
}
