package org.consultationtracker.query.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.consultationtracker.query.parking.ParkedEvent;
import org.consultationtracker.query.parking.ParkedEvent.Request;
import org.consultationtracker.query.parking.ParkedEvents;
import org.consultationtracker.query.readmodel.InvalidFilter;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.readmodel.UnknownId;
import org.consultationtracker.query.replay.ReplayStatus;
import org.consultationtracker.query.replay.Replays;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events the read models hold back (admin only): what is parked and why, and the two ways out, each with a recorded
 * reason. <b>Retry</b> rebuilds the read model from the events (blue/green: the views keep answering meanwhile), which
 * applies every parked event whose cause has been fixed and parks again those that still fail. <b>Evict</b> takes the
 * event out of that read model for good (the event itself stays in the store) and rebuilds it, so the events held
 * behind it are applied in order.
 */
@RestController
@Tag(name = "Parked events", description = "Events a read model could not apply: shown, retried or evicted")
@SecurityRequirement(name = "bearer")
public class ParkedEventsController {

    /** Why an admin retries or evicts a parked event: kept with it for good. */
    public record ActionRequest(@NotNull @NotBlank @Size(max = 2000) String reason) {
    }

    /**
     * @param counts how many events each read model holds back now, parked and held together
     * @param next   the slot to ask {@code after} for the next page; null on the last page
     */
    public record ParkedEventsView(Map<String, Long> counts, List<ParkedEvent> events, String after, int size,
                                   String next) {
    }

    public record ActionResult(ParkedEvent event, ReplayStatus rebuild) {
    }

    private final ParkedEvents parkedEvents;
    private final Replays replays;

    public ParkedEventsController(ParkedEvents parkedEvents, Replays replays) {
        this.parkedEvents = parkedEvents;
        this.replays = replays;
    }

    @GetMapping("/api/parked-events")
    @Operation(summary = "Events each read model holds back now: parked (its projection failed) or held behind one",
               description = "A page at a time: read model by read model, each in the order its events were "
                       + "parked. Ask again with after=<next> until next is null.")
    public ParkedEventsView current(@RequestParam(required = false) String readModel,
                                    @Parameter(description = "the previous page's 'next' (<read model>:<number>); "
                                            + "none for the first page")
                                    @RequestParam(required = false) String after,
                                    @Parameter(description = "events per page, 1 to " + ParkedEvents.MAX_PAGE_SIZE)
                                    @RequestParam(defaultValue = "100") int size) {
        ReadModel model = readModel == null || readModel.isBlank() ? null : ReadModel.byId(readModel)
                .orElseThrow(() -> new InvalidFilter("readModel", "must be one of " + ReadModel.ids()));
        checkSize(size);
        Map<String, Long> counts = new LinkedHashMap<>();
        parkedEvents.counts().forEach((each, count) -> counts.put(each.id(), count));
        ParkedEvents.Page page = parkedEvents.current(model, after == null || after.isBlank() ? null : after, size);
        return new ParkedEventsView(counts, page.events(), page.after(), size, page.next());
    }

    @GetMapping("/api/parked-events/resolved")
    @Operation(summary = "How parked events ended (applied by a rebuild, or evicted), newest first, a page at a time",
               description = "Resolved events are numbered in the order they were resolved; a page holds those "
                       + "numbered below 'after'. Ask again with after=<next> until next is null.")
    public ParkedEvents.ResolvedPage resolved(@Parameter(description = "the previous page's 'next'; none for the "
                                                      + "newest")
                                              @RequestParam(required = false) Long after,
                                              @Parameter(description = "events per page, 1 to "
                                                      + ParkedEvents.MAX_PAGE_SIZE)
                                              @RequestParam(defaultValue = "100") int size) {
        if (after != null && after < 1) {
            throw new InvalidFilter("after", "must be a number, 1 or more (the 'next' of the previous page)");
        }
        checkSize(size);
        return parkedEvents.resolved(after, size);
    }

    private static void checkSize(int size) {
        if (size < 1 || size > ParkedEvents.MAX_PAGE_SIZE) {
            throw new InvalidFilter("size", "must be between 1 and " + ParkedEvents.MAX_PAGE_SIZE);
        }
    }

    @PostMapping("/api/parked-events/{id}/retry")
    @Operation(summary = "Retry: rebuild the read model, applying every parked event whose cause is fixed")
    public ResponseEntity<ActionResult> retry(@PathVariable String id, @Valid @RequestBody ActionRequest request) {
        ParkedEvent event = parked(id);
        ReplayStatus rebuild = replays.startAgain(ReadModel.byId(event.readModel()).orElseThrow());
        parkedEvents.request(id, new Request("RETRY", actor(), Instant.now(), request.reason(), rebuild.id()));
        return accepted(id, rebuild);
    }

    @PostMapping("/api/parked-events/{id}/eviction")
    @Operation(summary = "Evict: leave the event out of this read model for good, and rebuild it")
    public ResponseEntity<ActionResult> evict(@PathVariable String id, @Valid @RequestBody ActionRequest request) {
        ParkedEvent event = parked(id);
        parkedEvents.evict(event, actor(), request.reason());
        ReplayStatus rebuild = replays.startAgain(ReadModel.byId(event.readModel()).orElseThrow());
        parkedEvents.request(id, new Request("EVICT", actor(), Instant.now(), request.reason(), rebuild.id()));
        return accepted(id, rebuild);
    }

    private ParkedEvent parked(String id) {
        return parkedEvents.find(id).orElseThrow(() -> new UnknownId("parked event", id));
    }

    private ResponseEntity<ActionResult> accepted(String id, ReplayStatus rebuild) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/replays/" + rebuild.id()))
                             .body(new ActionResult(parkedEvents.find(id).orElse(null), rebuild));
    }

    private static String actor() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }
}
