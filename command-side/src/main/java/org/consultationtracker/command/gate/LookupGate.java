package org.consultationtracker.command.gate;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.consultationtracker.command.lookup.LookupCatchUp;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.Set;

/**
 * Before a write request reaches its controller, the lookup takes in every event stored so far: controllers read it
 * too (which room a joining participant leaves, whose words a key point holds), not only the aggregates. The commands
 * the request then sends are judged on that lookup without catching up a second time (see {@link
 * LookupCatchUp#catchUpForRequest}). Reads pass untouched. A lookup that cannot be brought up to date throws {@link
 * org.consultationtracker.command.lookup.LookupUnavailable}, answered with 503 before anything is dispatched.
 */
class LookupGate implements HandlerInterceptor {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final LookupCatchUp catchUp;

    LookupGate(LookupCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!READS.contains(request.getMethod())) {
            catchUp.catchUpForRequest();
        }
        return true;
    }

    /** Runs whatever the request's outcome, on the thread that handled it: its next request starts afresh. */
    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception failure) {
        catchUp.requestDone();
    }
}
