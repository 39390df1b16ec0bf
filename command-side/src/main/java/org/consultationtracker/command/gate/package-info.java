/**
 * The web side of the command-side lookup: a write request is judged only once the lookup holds every event stored
 * before it began, and is refused with 503 ({@code application/problem+json}) when that cannot be done. The lookup
 * package itself stays free of the web (see ArchitectureTest).
 */
package org.consultationtracker.command.gate;
