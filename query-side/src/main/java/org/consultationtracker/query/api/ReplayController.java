package org.consultationtracker.query.api;

import com.mongodb.client.MongoDatabase;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.consultationtracker.query.readmodel.ContentHash;
import org.consultationtracker.query.readmodel.Generations;
import org.consultationtracker.query.readmodel.InvalidFilter;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.readmodel.UnknownId;
import org.consultationtracker.query.replay.ReplayStatus;
import org.consultationtracker.query.replay.Replays;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** Rebuilding read models (admin only). */
@RestController
@Tag(name = "Replay", description = "Rebuild read models from the events, blue/green")
@SecurityRequirement(name = "bearer")
public class ReplayController {

    /** {@code readModel}: one read model id, several separated by commas, or "all" (rebuilt in one pass). */
    public record ReplayRequest(String readModel) {
    }

    public record ReadModelState(String readModel, long activeGeneration, String contentHash) {
    }

    private final Replays replays;
    private final Generations generations;
    private final MongoDatabase database;

    public ReplayController(Replays replays, Generations generations, MongoDatabase database) {
        this.replays = replays;
        this.generations = generations;
        this.database = database;
    }

    @PostMapping("/api/replays")
    @Operation(summary = "Start rebuilding a read model; the service keeps answering from the current one meanwhile")
    public ResponseEntity<ReplayStatus> start(@RequestBody ReplayRequest request) {
        ReplayStatus status = replays.start(readModels(request == null ? null : request.readModel()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/replays/" + status.id()))
                             .body(status);
    }

    @GetMapping("/api/replays/{id}")
    @Operation(summary = "Progress of a rebuild: position / head, events per second, time left")
    public ReplayStatus status(@PathVariable String id) {
        return replays.status(id).orElseThrow(() -> new UnknownId("replay", id));
    }

    @GetMapping("/api/replays")
    @Operation(summary = "Rebuilds since this instance started, newest first, a page at a time",
               description = "Rebuilds are numbered in the order they started on this instance; a page holds those "
                       + "numbered below 'after'. Ask again with after=<next> until next is null.")
    public Replays.Page all(@Parameter(description = "the previous page's 'next'; none for the newest")
                            @RequestParam(required = false) Long after,
                            @Parameter(description = "rebuilds per page, 1 to " + Replays.MAX_PAGE_SIZE)
                            @RequestParam(defaultValue = "20") int size) {
        if (after != null && after < 1) {
            throw new InvalidFilter("after", "must be a number, 1 or more (the 'next' of the previous page)");
        }
        if (size < 1 || size > Replays.MAX_PAGE_SIZE) {
            throw new InvalidFilter("size", "must be between 1 and " + Replays.MAX_PAGE_SIZE);
        }
        return replays.page(after, size);
    }

    @GetMapping("/api/read-models/{readModel}")
    @Operation(summary = "The generation a read model serves, with the SHA-256 of its content (compare rebuilds)")
    public ReadModelState state(@PathVariable String readModel) {
        ReadModel model = ReadModel.byId(readModel).orElseThrow(() -> new UnknownId("read model", readModel));
        long active = generations.active(model);
        return new ReadModelState(model.id(), active, ContentHash.of(database, model, active));
    }

    private static List<ReadModel> readModels(String ids) {
        if (ids == null || ids.isBlank()) {
            throw new InvalidFilter("readModel", "is required: one of " + ReadModel.ids() + ", several, or 'all'");
        }
        if (ids.trim().equals("all")) {
            return List.of(ReadModel.values());
        }
        List<ReadModel> models = new java.util.ArrayList<>();
        for (String id : ids.split(",")) {
            models.add(ReadModel.byId(id.trim()).orElseThrow(() -> new InvalidFilter(
                    "readModel", "must be one of " + ReadModel.ids() + " or 'all'")));
        }
        return models;
    }
}
