package org.consultationtracker.command.lookup;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;

import java.util.List;

/**
 * The one list of how the lookup is derived from the events: the projection of each lookup. Their event handlers are
 * deliberately not on Spring beans: Axon gives every singleton bean with {@code @EventHandler} methods an event
 * processor of its own, and the lookup must be written only by {@link LookupCatchUp}, in position order.
 */
final class LookupProjections {

    private LookupProjections() {
    }

    static List<AnnotationEventHandlerAdapter> over(LookupStore store) {
        return List.of(new AnnotationEventHandlerAdapter(new ConsultationDirectory.Projection(store)),
                new AnnotationEventHandlerAdapter(new ParticipantDirectory.Projection(store)),
                new AnnotationEventHandlerAdapter(new Timetable.Projection(store)),
                new AnnotationEventHandlerAdapter(new CitableRecords.Projection(store)),
                new AnnotationEventHandlerAdapter(new QuoteConsents.Projection(store)));
    }
}
