package org.consultationtracker.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An OpenID Connect provider in miniature, on 127.0.0.1 and a free port: its discovery document
 * ({@code /.well-known/openid-configuration}) and its JWKS with one RSA key, the two things Spring's resource server
 * reads from {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}; and it signs tokens as a provider would.
 */
final class StandInIssuer implements AutoCloseable {

    private final HttpServer server;
    private final RSAKey key;
    final String issuer;

    StandInIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("stand-in-1").keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", TestMongo.freePort()), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/consultation";
        String discovery = "{\"issuer\":\"" + issuer + "\","
                + "\"authorization_endpoint\":\"" + issuer + "/protocol/openid-connect/auth\","
                + "\"token_endpoint\":\"" + issuer + "/protocol/openid-connect/token\","
                + "\"jwks_uri\":\"" + issuer + "/protocol/openid-connect/certs\","
                + "\"subject_types_supported\":[\"public\"],"
                + "\"response_types_supported\":[\"code\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        server.createContext("/realms/consultation/.well-known/openid-configuration",
                exchange -> answer(exchange, discovery));
        server.createContext("/realms/consultation/protocol/openid-connect/certs", exchange -> answer(exchange, jwks));
        server.start();
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** A token of this issuer for {@code username} with these further claims, valid for five minutes. */
    String token(String username, Map<String, Object> claims) {
        return token(username, claims, builder -> { });
    }

    String token(String username, Map<String, Object> claims, Consumer<JWTClaimsSet.Builder> change) {
        return sign(key, username, claims, change);
    }

    /** A token like {@link #token} but signed by a key the issuer never published (same key id). */
    String forgedToken(String username, Map<String, Object> claims) {
        try {
            RSAKey other = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
            return sign(other, username, claims, builder -> { });
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign(RSAKey signingKey, String username, Map<String, Object> claims,
                        Consumer<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now(); // the resource server checks exp and nbf against the real time
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("sub-" + username)
                .audience("consultation-tracker")
                .claim("preferred_username", username)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
        claims.forEach(builder::claim);
        change.accept(builder);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                    .build(), builder.build());
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
