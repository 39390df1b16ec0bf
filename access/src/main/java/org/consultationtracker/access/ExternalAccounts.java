package org.consultationtracker.access;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a validated token of the external identity provider into an {@link Account}: the user name, the roles and
 * the participant id come from the claims named in {@code consultation.access.oidc.*}. A role the mapping does not
 * know is ignored, so a token without any of ours is authenticated but may do nothing.
 */
final class ExternalAccounts implements Converter<Jwt, AbstractAuthenticationToken> {

    private final AccessProperties.Oidc claims;

    ExternalAccounts(AccessProperties.Oidc claims) {
        this.claims = claims;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String username = jwt.getClaimAsString(claims.usernameClaim());
        if (username == null || username.isBlank()) {
            username = jwt.getSubject();
        }
        Object participant = jwt.getClaims().get(claims.participantClaim());
        String issuer = jwt.getIssuer() == null ? "external" : jwt.getIssuer().toString();
        return new AccountAuthentication(new Account(username, roles(jwt),
                participant instanceof String id && !id.isBlank() ? id : null, issuer));
    }

    private Set<String> roles(Jwt jwt) {
        Object value = jwt.getClaims();
        for (String step : claims.rolesClaim().split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(step) : null;
        }
        Set<String> roles = new LinkedHashSet<>();
        if (value instanceof Collection<?> names) {
            names.forEach(name -> role(String.valueOf(name), roles));
        } else if (value instanceof String spaced) {
            for (String name : spaced.split("[\\s,]+")) {
                role(name, roles);
            }
        }
        return roles;
    }

    private void role(String name, Set<String> roles) {
        String mapped = claims.roleNames().getOrDefault(name, name).toUpperCase(Locale.ROOT).replace('-', '_');
        if (AccessProperties.ROLES.contains(mapped)) {
            roles.add(mapped);
        }
    }

}
