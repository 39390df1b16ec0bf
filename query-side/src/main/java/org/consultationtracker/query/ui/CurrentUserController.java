package org.consultationtracker.query.ui;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.consultationtracker.query.security.ParticipantLinks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Who is signed in, for the web interface: it shows write controls only to roles that may write, and checks a
 * sign-in with this call. Open to every authenticated user (a participant account too), unlike the read models.
 */
@RestController
@Tag(name = "Web interface")
@SecurityRequirement(name = "basic")
class CurrentUserController {

    private static final String ROLE_PREFIX = "ROLE_";

    /**
     * @param roles      ADMIN, FACILITATOR, NOTE_TAKER, REVIEWER or PARTICIPANT
     * @param commandApi where the browser sends writes (the command side), e.g. {@code http://127.0.0.1:8081}
     * @param participantId for a participant account, the participant it speaks for (whose data "My data" shows);
     *                      null otherwise
     */
    record CurrentUser(String username, List<String> roles, String commandApi, String participantId) {
    }

    private final String commandApi;
    private final int commandSidePort;
    private final ParticipantLinks links;

    CurrentUserController(@Value("${consultation.ui.command-api:}") String commandApi,
                          @Value("${COMMAND_SIDE_PORT:8081}") int commandSidePort, ParticipantLinks links) {
        this.commandApi = commandApi;
        this.commandSidePort = commandSidePort;
        this.links = links;
    }

    @GetMapping("/api/me")
    @Operation(summary = "The signed-in user's name, roles and linked participant, and the command API's address "
            + "for the browser")
    CurrentUser me(Authentication authentication, HttpServletRequest request) {
        List<String> roles = authentication.getAuthorities().stream()
                                           .map(GrantedAuthority::getAuthority)
                                           .filter(authority -> authority.startsWith(ROLE_PREFIX))
                                           .map(authority -> authority.substring(ROLE_PREFIX.length()))
                                           .sorted()
                                           .toList();
        return new CurrentUser(authentication.getName(), roles, commandApi(request),
                               links.participantOf(authentication).orElse(null));
    }

    /** Unless configured: the command side on the host the browser used for this page (localhost or 127.0.0.1). */
    private String commandApi(HttpServletRequest request) {
        if (commandApi != null && !commandApi.isBlank()) {
            return commandApi.replaceAll("/+$", "");
        }
        String host = request.getServerName();
        return request.getScheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + commandSidePort;
    }
}
