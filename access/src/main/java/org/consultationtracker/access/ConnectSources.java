package org.consultationtracker.access;

import jakarta.servlet.http.HttpServletRequest;

import java.util.List;

/** Origins beyond its own that a service's pages may call (its Content-Security-Policy's {@code connect-src}). */
@FunctionalInterface
public interface ConnectSources {

    List<String> forRequest(HttpServletRequest request);
}
