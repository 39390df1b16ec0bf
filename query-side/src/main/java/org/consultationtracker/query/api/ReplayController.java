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
import java.time.Instant;
import java.util.Optional;
import java.util.List;

/** Rebuilding read models (admin only). */
@RestController
@Tag(name = "Replay", description = "Rebuild read models from the events, blue/green")
@SecurityRequirement(name = "bearer")
public class ReplayController {

    /** {@code readModel}: one read model id, several separated by commas, or "all" (rebuilt in one pass). */
    public record ReplayRequest(String readModel) {
    }

    /**
     * The generation served, and the hash recorded when a generation of this model was last hashed (by a rebuild or
     * by {@code POST .../content-hash}): {@code hashedGeneration} says which, {@code hashedAt} when. Live events keep
     * changing the served generation after it was hashed, so the hash is of its content at {@code hashedAt}; null
     * when it was never hashed.
     */
    public record ReadModelState(String readModel, long activeGeneration, String contentHash, Long hashedGeneration,
                                 Instant hashedAt) {

        static ReadModelState of(ReadModel model, long active, Optional<Generations.RecordedHash> hash) {
            return new ReadModelState(model.id(), active, hash.map(Generations.RecordedHash::contentHash).orElse(null),
                                      hash.map(Generations.RecordedHash::generation).orElse(null),
                                      hash.map(Generations.RecordedHash::computedAt).orElse(null));
        }
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
    @Operation(summary = "The generation a read model serves, with the SHA-256 of its content recorded when it was "
            + "last hashed (compare rebuilds)",
               description = "Two key lookups: the hash is the one recorded by the last rebuild of the model or the "
                       + "last POST .../content-hash, with the generation it covers and when it was computed.")
    public ReadModelState state(@PathVariable String readModel) {
        ReadModel model = model(readModel);
        return ReadModelState.of(model, generations.active(model), generations.recordedHash(model));
    }

    @PostMapping("/api/read-models/{readModel}/content-hash")
    @Operation(summary = "Hash the content the read model serves now, record it and answer with it",
               description = "Synchronous and costly: reads every document of every collection of the model's "
                       + "served generation (time and memory grow with the model: about one 32-byte digest per "
                       + "document is held while hashing). For comparing the live content with a rebuild; the "
                       + "answer is what GET /api/read-models/{readModel} shows afterwards.")
    public ReadModelState hash(@PathVariable String readModel) {
        ReadModel model = model(readModel);
        long active = generations.active(model);
        Instant started = Instant.now();
        String hash = ContentHash.of(database, model, active);
        generations.recordHash(model, active, hash, started);
        return ReadModelState.of(model, active, generations.recordedHash(model));
    }

    private static ReadModel model(String readModel) {
        return ReadModel.byId(readModel).orElseThrow(() -> new UnknownId("read model", readModel));
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
