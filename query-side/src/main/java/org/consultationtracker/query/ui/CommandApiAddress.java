package org.consultationtracker.query.ui;

import jakarta.servlet.http.HttpServletRequest;
import org.consultationtracker.access.ConnectSources;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Where the browser sends writes: the configured command API, or else the command side on the host the browser used
 * for this page (localhost or 127.0.0.1), so that the session cookie — which belongs to the host — goes with them.
 * It is also the one origin beyond its own that the pages may call (their Content-Security-Policy's connect-src).
 */
@Component
class CommandApiAddress implements ConnectSources {

    private final String configured;
    private final int commandSidePort;

    CommandApiAddress(@Value("${consultation.ui.command-api:}") String configured,
                      @Value("${COMMAND_SIDE_PORT:8081}") int commandSidePort) {
        this.configured = configured == null ? "" : configured.trim().replaceAll("/+$", "");
        this.commandSidePort = commandSidePort;
    }

    String forBrowser(HttpServletRequest request) {
        if (!configured.isEmpty()) {
            return configured;
        }
        String host = request.getServerName();
        return request.getScheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + commandSidePort;
    }

    @Override
    public List<String> forRequest(HttpServletRequest request) {
        return List.of(forBrowser(request));
    }
}
