package dev.tandem.query.directory;

import dev.tandem.api.common.Role;
import dev.tandem.query.directory.DirectoryDocuments.FamilyDocument;
import dev.tandem.support.security.PlatformPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** Who may read what, deny by default: carers their own family, staff the families of their setting. */
@Component
public class ReadAccess {

    private final ViewLookups lookups;

    public ReadAccess(ViewLookups lookups) {
        this.lookups = lookups;
    }

    /**
     * A carer reads their own family unless it was erased (a family not in the lookups yet is theirs to
     * read: their token says so); staff read the families of their setting, erased ones too.
     */
    public Mono<Void> requireCanReadFamily(PlatformPrincipal principal, String familyId) {
        if (principal.isCarerOf(familyId)) {
            return lookups.family(familyId)
                    .filter(FamilyDocument::erased)
                    .flatMap(erased -> Mono.error(forbidden("This family's records were erased.")));
        }
        return lookups.family(familyId)
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "There is no family " + familyId + ".")))
                .flatMap(family -> principal.isStaffOf(family.settingId()) ? Mono.<Void>empty()
                        : Mono.error(forbidden("Only this family's carers and the staff of its setting may read its timeline.")));
    }

    /** A staff member's own things, or a manager of their setting looking. */
    public Mono<Void> requireSelfOrManagerOf(PlatformPrincipal principal, String staffId) {
        if (staffId.equals(principal.subjectId()) && !principal.is(Role.CARER)) {
            return Mono.empty();
        }
        return lookups.staff(staffId)
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "There is no staff member " + staffId + ".")))
                .flatMap(staff -> principal.is(Role.MANAGER) && principal.isStaffOf(staff.settingId())
                        ? Mono.<Void>empty()
                        : Mono.error(forbidden("Only this staff member or a manager of their setting may see this.")));
    }

    public Mono<Void> requireStaffOf(PlatformPrincipal principal, String settingId) {
        return principal.isStaffOf(settingId) ? Mono.empty()
                : Mono.error(forbidden("Only staff of this setting may see this."));
    }

    /**
     * Staff of the setting an update belongs to; known still after it was withdrawn, so that staff of
     * another setting are refused rather than told it is gone. Unknown id: 404.
     */
    public Mono<Void> requireStaffOfUpdate(PlatformPrincipal principal, String updateId) {
        return lookups.update(updateId)
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "There is no update " + updateId + ".")))
                .flatMap(update -> requireStaffOf(principal, update.settingId()));
    }

    public static ResponseStatusException forbidden(String reason) {
        return new ResponseStatusException(HttpStatus.FORBIDDEN, reason);
    }
}
