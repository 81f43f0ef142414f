package dev.tandem.command.privacy;

import dev.tandem.api.common.RefusedException;
import dev.tandem.api.common.Role;
import dev.tandem.command.lookup.RuleLookups;
import dev.tandem.command.lookup.RuleLookups.CarerEntry;
import dev.tandem.command.lookup.Permissions;
import dev.tandem.support.security.PlatformPrincipal;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A carer's subject access request (UK GDPR Article 15): the carer themselves, or a manager of the carer's
 * setting on their behalf (the only way once the family is erased, as the carer can no longer sign in). Each
 * export made, and each refused, is logged with ids only, so that the operator can tell who took a copy of
 * whose data.
 */
@RestController
class DataExportController {

    private static final Logger log = LoggerFactory.getLogger(DataExportController.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final RuleLookups lookups;
    private final Permissions permissions;
    private final DataExportReader reader;

    DataExportController(RuleLookups lookups, Permissions permissions, DataExportReader reader) {
        this.lookups = lookups;
        this.permissions = permissions;
        this.reader = reader;
    }

    @GetMapping(path = "/api/carers/{carerId}/data-export", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<DataExport>> export(@PathVariable String carerId, @AuthenticationPrincipal Jwt jwt) {
        PlatformPrincipal principal = PlatformPrincipal.of(jwt);
        return Mono.fromCallable(() -> exportFor(carerId, principal))
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(READ_TIMEOUT)
                .map(export -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(export));
    }

    /**
     * Checked in this order: the role (anyone but the carer themselves or a manager: 403, whether the carer
     * exists or not), the carer must exist (404), a manager must be one of the carer's setting (403).
     */
    private DataExport exportFor(String carerId, PlatformPrincipal principal) {
        boolean themselves = principal.is(Role.CARER) && carerId.equals(principal.subjectId());
        if (!themselves && !principal.is(Role.MANAGER)) {
            throw refused(carerId, principal, "not-your-data",
                    "Only the carer themselves or a manager of their setting may export a carer's data.");
        }
        CarerEntry carer = lookups.carer(carerId)
                .orElseThrow(() -> RefusedException.notFound("unknown-carer", "There is no carer " + carerId + "."));
        if (!themselves && !permissions.isManagerOf(principal.actor(), carer.settingId())) {
            throw refused(carerId, principal, "not-a-manager-here", "Only a manager of this carer's setting may do this.");
        }
        DataExport export = reader.read(carerId);
        log.info("Data export of carer {} made for {} {}", carerId, principal.roles(), principal.subjectId());
        return export;
    }

    /** A refused export is logged for the operator, with ids only. */
    private static RefusedException refused(String carerId, PlatformPrincipal principal, String code, String message) {
        log.warn("Refused a data export: carer {} to {} {} ({})", carerId, principal.roles(), principal.subjectId(), code);
        return RefusedException.forbidden(code, message);
    }
}
