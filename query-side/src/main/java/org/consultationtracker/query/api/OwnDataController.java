package org.consultationtracker.query.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.consultationtracker.access.Account;
import org.consultationtracker.access.AccountAuthentication;
import org.consultationtracker.query.audittrail.VoiceTrail;
import org.consultationtracker.query.audittrail.VoiceTrailQueries;
import org.consultationtracker.query.audittrail.VoiceTrailQueries.FindVoiceTrail;
import org.consultationtracker.query.security.Role;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A participant's own data on the query side: their voice trail (every contribution and its fate, consents and
 * their history, erasure) and the same as a file to keep. A participant account reads only the participant it is
 * linked to; the check runs before anything is looked up, so a refusal does not tell whether the other id exists.
 * Personal data in clear is only on the command side ({@code GET /api/participants/{id}/personal-data} there): the
 * two services make no calls to each other, so the web page puts both into the file it downloads.
 */
@RestController
@RequestMapping("/api/participants")
@Tag(name = "Own data", description = "What is held about a participant, for them (and staff per the role table)")
public class OwnDataController {

    private static final Set<Role> READ_ANYBODYS_TRAIL =
            EnumSet.of(Role.ADMIN, Role.FACILITATOR, Role.NOTE_TAKER, Role.REVIEWER);
    private static final Set<Role> EXPORT_ANYBODYS = EnumSet.of(Role.ADMIN);

    private final VoiceTrailQueries trails;

    public OwnDataController(VoiceTrailQueries trails) {
        this.trails = trails;
    }

    @GetMapping("/{participantId}/voice-trail")
    @Operation(summary = "Everything the participant said and what happened to it, their consents and their "
            + "erasure: for the participant themself, or a reviewer and above")
    public VoiceTrail voiceTrail(@PathVariable String participantId, Authentication authentication) {
        requireThemselfOr(READ_ANYBODYS_TRAIL, participantId, authentication);
        return trails.handle(new FindVoiceTrail(participantId));
    }

    @GetMapping("/{participantId}/export")
    @Operation(summary = "The voice trail as a JSON file to keep (Content-Disposition: attachment): for the "
            + "participant themself or an admin")
    public ResponseEntity<VoiceTrail> export(@PathVariable String participantId, Authentication authentication) {
        requireThemselfOr(EXPORT_ANYBODYS, participantId, authentication);
        VoiceTrail trail = trails.handle(new FindVoiceTrail(participantId));
        return ResponseEntity.ok()
                             .contentType(MediaType.APPLICATION_JSON)
                             .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                     .filename("voice-trail-" + participantId + ".json").build().toString())
                             .body(trail);
    }

    private void requireThemselfOr(Set<Role> staff, String participantId, Authentication authentication) {
        Optional<Account> account = AccountAuthentication.of(authentication);
        boolean staffMayRead = account.map(a -> staff.stream().anyMatch(role -> a.hasRole(role.name())))
                                      .orElse(false);
        boolean themself = account.map(Account::participantId).map(participantId::equals).orElse(false);
        if (!staffMayRead && !themself) {
            throw new NotYourData(authentication.getName());
        }
    }
}
