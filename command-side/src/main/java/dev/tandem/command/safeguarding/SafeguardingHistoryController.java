package dev.tandem.command.safeguarding;

import dev.tandem.api.common.RefusedException;
import dev.tandem.api.common.Role;
import dev.tandem.api.safeguarding.RecordHistoryExport;
import dev.tandem.api.safeguarding.RecordHistoryView;
import dev.tandem.command.web.Commands;
import dev.tandem.command.web.Ids;
import dev.tandem.support.security.PlatformPrincipal;
import dev.tandem.support.web.FieldProblem;
import dev.tandem.support.web.InvalidRequestException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A child's safeguarding history, for the DSLs and managers of the child's setting: read from the event
 * store itself, each reading recorded on the child before it is answered (if the record of the reading
 * cannot be stored, nothing is shown), with the chain's integrity recomputed for what is shown.
 * Refusals are logged for the operator and never recorded in the child's record.
 */
@RestController
class SafeguardingHistoryController {

    private static final Logger log = LoggerFactory.getLogger(SafeguardingHistoryController.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Commands commands;
    private final HistoryReader reader;
    private final HistoryExports exports;

    SafeguardingHistoryController(Commands commands, HistoryReader reader, HistoryExports exports) {
        this.commands = commands;
        this.reader = reader;
        this.exports = exports;
    }

    @GetMapping(path = "/api/children/{childId}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<History> history(@PathVariable String childId,
                          @RequestHeader(name = ReviewRequest.REASON_HEADER, required = false) String reason,
                          @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                          @RequestParam(required = false) String asOf, @AuthenticationPrincipal Jwt jwt) {
        PlatformPrincipal principal = PlatformPrincipal.of(jwt);
        return Mono.fromSupplier(() -> {
                    requireReviewerRole(principal);
                    return ReviewRequest.of(reason, from, to, asOf);
                })
                .flatMap(review -> commands.send(new RecordHistoryView(childId, Ids.next(), review.reason(),
                                review.query(), principal.actor()))
                        .then(read(childId, review)))
                .doOnError(e -> logIfRefused(e, childId, principal));
    }

    @GetMapping("/api/children/{childId}/history/export")
    Mono<ResponseEntity<byte[]>> export(@PathVariable String childId,
                                        @RequestHeader(name = ReviewRequest.REASON_HEADER, required = false) String reason,
                                        @RequestParam(required = false) String format,
                                        @RequestParam(required = false) String from,
                                        @RequestParam(required = false) String to,
                                        @RequestParam(required = false) String asOf,
                                        @AuthenticationPrincipal Jwt jwt) {
        PlatformPrincipal principal = PlatformPrincipal.of(jwt);
        return Mono.fromSupplier(() -> {
                    requireReviewerRole(principal);
                    return Export.of(format, reason, from, to, asOf);
                })
                .flatMap(export -> commands.send(new RecordHistoryExport(childId, Ids.next(), export.format().code(),
                                export.review().reason(), export.review().query(), principal.actor()))
                        .then(read(childId, export.review()))
                        .flatMap(history -> Mono.fromCallable(() -> download(history, export, principal))
                                .subscribeOn(Schedulers.boundedElastic())))
                .doOnError(e -> logIfRefused(e, childId, principal));
    }

    /** Only DSLs and managers read histories; the child's own rules then check that it is their setting. */
    private static void requireReviewerRole(PlatformPrincipal principal) {
        if (!principal.is(Role.DSL) && !principal.is(Role.MANAGER)) {
            throw RefusedException.forbidden("not-a-manager-or-dsl-here",
                    "Only a designated safeguarding lead or a manager of this child's setting may read this record.");
        }
    }

    private Mono<History> read(String childId, ReviewRequest review) {
        return Mono.fromCallable(() -> reader.read(childId, review.query()))
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(READ_TIMEOUT);
    }

    private ResponseEntity<byte[]> download(History history, Export export, PlatformPrincipal principal) {
        HistoryExport document = exports.describe(history, export.review().reason(), principal);
        byte[] body = export.format() == ExportFormat.PDF ? exports.pdf(document) : exports.json(document);
        String filename = "safeguarding-history-" + history.childId() + "-" + FILE_DATE.format(history.generatedAt())
                + "." + export.format().code();
        return ResponseEntity.ok()
                .contentType(export.format().mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }

    private static void logIfRefused(Throwable e, String childId, PlatformPrincipal principal) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RefusedException refused) {
                logRefusal(refused, childId, principal);
                return;
            }
        }
    }

    private static void logRefusal(RefusedException refused, String childId, PlatformPrincipal principal) {
        if (refused.reason() == RefusedException.Reason.FORBIDDEN) {
            log.warn("Refused a safeguarding history: child {} to {} {} ({})", childId, principal.roles(),
                    principal.subjectId(), refused.code());
        }
    }

    private record Export(ExportFormat format, ReviewRequest review) {

        /** Every bad part of the request is named at once. */
        static Export of(String format, String reason, String from, String to, String asOf) {
            List<FieldProblem> problems = new ArrayList<>();
            ExportFormat exportFormat = ExportFormat.of(format);
            if (exportFormat == null) {
                problems.add(new FieldProblem("format", "must be pdf or json"));
            }
            ReviewRequest review = null;
            try {
                review = ReviewRequest.of(reason, from, to, asOf);
            } catch (InvalidRequestException invalid) {
                problems.addAll(invalid.problems());
            }
            if (!problems.isEmpty()) {
                throw new InvalidRequestException(problems);
            }
            return new Export(exportFormat, review);
        }
    }

    enum ExportFormat {
        PDF("pdf", MediaType.APPLICATION_PDF), JSON("json", MediaType.APPLICATION_JSON);

        private final String code;
        private final MediaType mediaType;

        ExportFormat(String code, MediaType mediaType) {
            this.code = code;
            this.mediaType = mediaType;
        }

        static ExportFormat of(String format) {
            for (ExportFormat candidate : values()) {
                if (candidate.code.equalsIgnoreCase(format == null ? "" : format.strip())) {
                    return candidate;
                }
            }
            return null;
        }

        String code() {
            return code;
        }

        MediaType mediaType() {
            return mediaType;
        }
    }
}
