package org.consultationtracker.query.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.consultationtracker.query.feedback.SessionFeedbackQueries;
import org.consultationtracker.query.feedback.SessionFeedbackQueries.FindFeedback;
import org.consultationtracker.query.feedback.SessionFeedbackQueries.ListSessionFeedback;
import org.consultationtracker.query.feedback.SessionFeedbackView;
import org.consultationtracker.query.readmodel.InvalidFilter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/session-feedback")
@Tag(name = "Session feedback", description = "Participants' feedback on a session as a whole, and where it is cited")
public class SessionFeedbackController {

    private final SessionFeedbackQueries feedback;

    public SessionFeedbackController(SessionFeedbackQueries feedback) {
        this.feedback = feedback;
    }

    @GetMapping
    @Operation(summary = "A session's feedback in the order it was given, a page at a time, each with its words, "
            + "contributor (pseudonym, erased, or anonymous) and the report sections citing it")
    public SessionFeedbackView.Page list(@RequestParam String sessionId,
                                         @Parameter(description = "a feedback number: the page starts after it (the "
                                                 + "previous page's 'next'); none for the first page")
                                         @RequestParam(required = false) String after,
                                         @Parameter(description = "1 to " + SessionFeedbackQueries.MAX_PAGE_SIZE)
                                         @RequestParam(required = false) String size) {
        return feedback.handle(new ListSessionFeedback(required(sessionId),
                                                       ReadModelController.position("after", after),
                                                       ReadModelController.pageSize(size)));
    }

    private static String required(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            throw new InvalidFilter("sessionId", "is required");
        }
        return sessionId;
    }

    @GetMapping("/{feedbackId}")
    @Operation(summary = "One feedback: its words, contributor, and where it is cited — the draft sections citing it "
            + "now and every published report version that cites it")
    public SessionFeedbackView.Feedback one(@PathVariable String feedbackId) {
        return feedback.handle(new FindFeedback(feedbackId));
    }
}
