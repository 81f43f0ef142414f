package dev.tandem.command.safeguarding;

import dev.tandem.api.safeguarding.HistoryQuery;
import dev.tandem.support.web.FieldProblem;
import dev.tandem.support.web.InvalidRequestException;
import dev.tandem.support.web.StrictText;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a review asks: why ({@code X-Review-Reason}, 1–500 characters) and which part of the record. A
 * browser cannot send a header outside Latin-1, so a reason may come percent-encoded as UTF-8; a reason
 * that does not decode is taken as written.
 */
record ReviewRequest(String reason, HistoryQuery query) {

    static final String REASON_HEADER = "X-Review-Reason";
    private static final int MAX_REASON = 500;

    static ReviewRequest of(String reasonHeader, String from, String to, String asOf) {
        List<FieldProblem> problems = new ArrayList<>();
        String reason = decode(reasonHeader);
        if (reason == null || reason.isBlank()) {
            problems.add(new FieldProblem(REASON_HEADER, "is required: say why you are reading this record"));
        } else if (reason.strip().length() > MAX_REASON) {
            problems.add(new FieldProblem(REASON_HEADER, "must be at most " + MAX_REASON + " characters"));
        } else if (StrictText.problemWith(reason) != null || reason.contains("\n")) {
            // one line, and the same rule as every other text: no NUL, control character or lone surrogate
            problems.add(new FieldProblem(REASON_HEADER, "must be one line without control characters"));
        }
        Instant start = instant("from", from, problems);
        Instant end = instant("to", to, problems);
        Instant standing = instant("asOf", asOf, problems);
        if (start != null && end != null && end.isBefore(start)) {
            problems.add(new FieldProblem("to", "must not be before from"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new ReviewRequest(reason.strip(), new HistoryQuery(start, end, standing));
    }

    private static String decode(String header) {
        if (header == null || !header.contains("%")) {
            return header;
        }
        try {
            return URLDecoder.decode(header.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return header;
        }
    }

    private static Instant instant(String field, String value, List<FieldProblem> problems) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be an RFC 3339 instant such as 2026-11-23T09:30:00Z"));
            return null;
        }
    }
}
