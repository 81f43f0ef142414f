package dev.tandem.platform.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Twilio's two webhooks, whose only credential is {@code X-Twilio-Signature}: HMAC-SHA1, keyed with the
 * auth token, of the public URL of the path followed by every form field's name and value in name order.
 */
final class TwilioForms {

    static final String SMS = "/webhooks/twilio/sms";
    static final String STATUS = "/webhooks/twilio/status";

    private final String authToken;
    private final String publicUrl;
    private final List<String> carerPhones;

    TwilioForms(String authToken, String publicUrl, List<String> carerPhones) {
        this.authToken = authToken;
        this.publicUrl = publicUrl;
        this.carerPhones = carerPhones;
    }

    String signature(String path, Map<String, String> fields) {
        return signature(authToken, publicUrl + path, fields);
    }

    static String signature(String token, String url, Map<String, String> fields) {
        String content = url + new TreeMap<>(fields).entrySet().stream().map(e -> e.getKey() + e.getValue())
                .collect(Collectors.joining());
        return Base64.getEncoder().encodeToString(Tokens.hmac("HmacSHA1", token, content));
    }

    static byte[] encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
    }

    /** An inbound SMS as Twilio would post it, from one of the carers (so a forgery is worth trying). */
    Arbitrary<Map<String, String>> smsFromACarer() {
        return Combinators.combine(Arbitraries.of(carerPhones), smsText(), messageSid())
                .as((from, body, sid) -> fields("From", from, "To", "+447700900000", "Body", body, "MessageSid", sid,
                        "AccountSid", "AC" + "0".repeat(32), "NumMedia", "0"));
    }

    /** From a number no carer has: well-formed, and stores nothing. */
    Arbitrary<Map<String, String>> smsFromAStranger() {
        return Combinators.combine(strangerPhone(), smsText(), messageSid())
                .as((from, body, sid) -> fields("From", from, "To", "+447700900000", "Body", body, "MessageSid", sid));
    }

    /** A status report for a message the platform never sent: changes nothing. */
    Arbitrary<Map<String, String>> statusOfAnUnknownMessage() {
        return Combinators.combine(messageSid(), Arbitraries.of("queued", "sent", "delivered", "undelivered", "failed",
                        "read", "bogus", "", "DELIVERED"), Arbitraries.of("", "30003", "21610", "x"))
                .as((sid, status, error) -> {
                    Map<String, String> fields = fields("MessageSid", sid, "MessageStatus", status);
                    if (!error.isEmpty()) {
                        fields.put("ErrorCode", error);
                    }
                    return fields;
                });
    }

    /** A status report as Twilio would post it (for a forgery to change). */
    Arbitrary<Map<String, String>> statusReport() {
        return Combinators.combine(messageSid(), Arbitraries.of("sent", "delivered", "undelivered", "failed"))
                .as((sid, status) -> fields("MessageSid", sid, "MessageStatus", status, "ErrorCode", "30003"));
    }

    /**
     * A signature that does not match: none, empty, made up, computed for another address, another body or
     * with another key, or a right one mangled.
     */
    Arbitrary<String> wrongSignature(String path, Map<String, String> fields) {
        String right = signature(path, fields);
        Map<String, String> changed = new LinkedHashMap<>(fields);
        changed.put("Body", fields.getOrDefault("Body", "") + " and more");
        Map<String, String> fewer = new LinkedHashMap<>(fields);
        fewer.remove(fewer.keySet().iterator().next());
        String other = path.equals(SMS) ? STATUS : SMS;
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("", "x", "forged", "0000", "=", right.toLowerCase(), right.toUpperCase(),
                        right.substring(1), right + "A", new StringBuilder(right).reverse().toString())),
                Tuple.of(2, Arbitraries.strings().withCharRange('A', 'Z').withCharRange('a', 'z').withChars('+', '/')
                        .ofLength(27).map(s -> s + "=")),
                Tuple.of(4, Arbitraries.of(signature(path, changed), signature(path, fewer), signature(other, fields),
                        signature(authToken, "https://localhost:8080" + path, fields),
                        signature(authToken, publicUrl + path + "/", fields),
                        signature("not-the-auth-token", publicUrl + path, fields))),
                Tuple.of(1, Arbitraries.integers().between(17_000, 20_000).map(n -> "A".repeat(n))))
                .filter(signature -> !signature.equals(right));
    }

    private static Arbitrary<String> smsText() {
        return Arbitraries.oneOf(List.of(Arbitraries.of("STOP", "START", "HELP", "INFO", "UNSTOP", "stop", "Thanks!",
                        "Dziękuję!", "", " "),
                Contract.words().list().ofMinSize(1).ofMaxSize(10).map(w -> String.join(" ", w))));
    }

    private static Arbitrary<String> messageSid() {
        return Arbitraries.strings().withCharRange('0', '9').withCharRange('a', 'f').ofLength(32).map(h -> "SM" + h);
    }

    /** E.164 numbers in a range no carer of the world has (theirs are +447700900800 and up). */
    private Arbitrary<String> strangerPhone() {
        return Arbitraries.integers().between(100_000, 999_999).map(n -> "+4479" + n + "01")
                .filter(phone -> carerPhones.stream().noneMatch(carer -> digits(carer).equals(digits(phone))));
    }

    private static String digits(String phone) {
        return phone.replaceAll("[^0-9]", "");
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    static List<Probe.Header> headers(String signature) {
        List<Probe.Header> headers = new ArrayList<>();
        headers.add(Probe.Header.form());
        if (signature != null) {
            headers.add(new Probe.Header("X-Twilio-Signature", signature));
        }
        return headers;
    }
}
