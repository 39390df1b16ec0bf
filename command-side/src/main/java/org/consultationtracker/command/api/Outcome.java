package org.consultationtracker.command.api;

import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two shapes of a successful write: 201 with a Location and the new ids when something new was created, and 200
 * with the ids concerned otherwise. Every command is handled before the response is sent, so 200 means "done", not
 * "accepted for later".
 */
final class Outcome {

    private Outcome() {
    }

    static ResponseEntity<Map<String, Object>> created(String path, Object... namesAndValues) {
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path(path).build().toUri();
        return ResponseEntity.created(location).body(body(namesAndValues));
    }

    static ResponseEntity<Map<String, Object>> done(Object... namesAndValues) {
        return ResponseEntity.ok(body(namesAndValues));
    }

    private static Map<String, Object> body(Object... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return body;
    }
}
