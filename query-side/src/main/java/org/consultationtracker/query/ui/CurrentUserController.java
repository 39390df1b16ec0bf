package org.consultationtracker.query.ui;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.consultationtracker.access.Account;
import org.consultationtracker.access.AccountAuthentication;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Who is signed in, for the web interface: it shows write controls only to roles that may write, and a participant
 * their own page. Open to every authenticated user (a participant account too), unlike the read models.
 */
@RestController
@Tag(name = "Web interface")
class CurrentUserController {

    /**
     * @param roles         ADMIN, FACILITATOR, NOTE_TAKER, REVIEWER or PARTICIPANT
     * @param participantId for a participant account, the participant it speaks for
     * @param commandApi    where the browser sends writes (the command side), e.g. {@code http://127.0.0.1:8081}
     */
    record CurrentUser(String username, List<String> roles, String participantId, String commandApi) {
    }

    private final CommandApiAddress commandApi;

    CurrentUserController(CommandApiAddress commandApi) {
        this.commandApi = commandApi;
    }

    @GetMapping("/api/me")
    @Operation(summary = "The signed-in user's name, roles and participant, and the command API's address")
    CurrentUser me(Authentication authentication, HttpServletRequest request) {
        Account account = AccountAuthentication.of(authentication).orElseThrow(
                () -> new IllegalStateException("authenticated without an account: " + authentication));
        return new CurrentUser(account.username(), account.roles().stream().sorted().toList(),
                account.participantId(), commandApi.forBrowser(request));
    }
}
