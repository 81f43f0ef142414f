package dev.tandem.query.delivery;

import dev.tandem.api.delivery.FetchDeliveries;
import dev.tandem.api.delivery.UpdateDeliveries;
import dev.tandem.query.Queries;
import dev.tandem.query.directory.ReadAccess;
import dev.tandem.support.security.PlatformPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class DeliveryController {

    private final Queries queries;
    private final ReadAccess access;

    DeliveryController(Queries queries, ReadAccess access) {
        this.queries = queries;
        this.access = access;
    }

    @GetMapping("/api/updates/{updateId}/deliveries")
    Mono<UpdateDeliveries> deliveries(@PathVariable String updateId, @AuthenticationPrincipal Jwt jwt) {
        return access.requireStaffOfUpdate(PlatformPrincipal.of(jwt), updateId)
                .then(queries.fetch(new FetchDeliveries(updateId), UpdateDeliveries.class));
    }
}
