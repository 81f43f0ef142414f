package dev.tandem.command.web;

import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;

/** The answer to a create: 201, a Location, and at least the new id. */
public final class Created {

    private Created() {
    }

    public static ResponseEntity<Map<String, Object>> at(String location, String id) {
        return ResponseEntity.created(URI.create(location)).body(Map.of("id", id));
    }

    public static ResponseEntity<Map<String, Object>> at(String location, Map<String, Object> body) {
        return ResponseEntity.created(URI.create(location)).body(body);
    }
}
