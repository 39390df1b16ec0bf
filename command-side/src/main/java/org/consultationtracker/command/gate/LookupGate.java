package org.consultationtracker.command.gate;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.consultationtracker.command.lookup.LookupCatchUp;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.Set;

/**
 * Before a write request reaches its controller, the lookup takes in every event stored so far: controllers read it
 * too (which room a joining participant leaves, whose words a key point holds), not only the aggregates. Reads pass
 * untouched. A lookup that cannot be brought up to date throws {@link
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
            catchUp.catchUp();
        }
        return true;
    }
}
