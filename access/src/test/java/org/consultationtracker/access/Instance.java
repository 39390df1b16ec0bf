package org.consultationtracker.access;

import com.jayway.jsonpath.JsonPath;
import com.mongodb.client.MongoDatabase;
import jakarta.servlet.http.Cookie;
import org.springframework.boot.ApplicationContextFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.autoconfigure.web.servlet.SpringBootMockMvcBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.DefaultMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.support.GenericWebApplicationContext;

import java.util.ArrayList;
import java.util.List;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * One running instance of the test application (a whole Spring context, servlet filters included, in a mock servlet
 * environment) over a named database of the shared {@link TestMongo}. Two instances over one database are two
 * instances of a service; closing one and starting another is a restart.
 */
final class Instance implements AutoCloseable {

    final ConfigurableApplicationContext context;
    final MockMvc mvc;
    final TestClock clock;
    final MongoDatabase database;

    private Instance(ConfigurableApplicationContext context, TestClock clock) {
        this.context = context;
        this.clock = clock;
        this.database = context.getBean(MongoDatabase.class);
        DefaultMockMvcBuilder builder = MockMvcBuilders.webAppContextSetup((GenericWebApplicationContext) context);
        new SpringBootMockMvcBuilderCustomizer((GenericWebApplicationContext) context).customize(builder); // every servlet filter, security's too
        this.mvc = builder.build();
    }

    /** @param properties {@code name=value}, over application.properties (as command-line arguments are) */
    static Instance start(String database, TestClock clock, String... properties) {
        List<String> arguments = new ArrayList<>(List.of("--test.mongo.uri=" + TestMongo.uri(),
                "--test.mongo.database=" + database));
        for (String property : properties) {
            arguments.add("--" + property);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(AccessTestApplication.class)
                .web(WebApplicationType.SERVLET)
                .contextFactory(ApplicationContextFactory.of(
                        () -> new GenericWebApplicationContext(new MockServletContext())))
                .initializers(c -> c.getBeanFactory().registerSingleton("testClock", clock))
                .run(arguments.toArray(String[]::new));
        return new Instance(context, clock);
    }

    /** How many writes reached the test application's controller. */
    int writes() {
        return context.getBean(AccessTestApplication.Things.class).writes.get();
    }

    long sessionDocuments() {
        return database.getCollection(SessionStore.COLLECTION).countDocuments();
    }

    /** Forgets every session and every failed sign-in (between tests). */
    void clearStore() {
        database.getCollection(SessionStore.COLLECTION).deleteMany(new org.bson.Document());
        database.getCollection(SignInThrottle.COLLECTION).deleteMany(new org.bson.Document());
    }

    /** A browser session: its cookie and its CSRF token. */
    record BrowserSession(Cookie cookie, String csrfToken) {
    }

    BrowserSession signIn(String username, String password) throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/api/session").contentType(MediaType.APPLICATION_JSON)
                .content(credentials(username, password))).andReturn().getResponse();
        if (response.getStatus() != 201) {
            throw new AssertionError("sign-in of " + username + " answered " + response.getStatus() + ": "
                    + response.getContentAsString());
        }
        Cookie cookie = response.getCookie("ct_session");
        return new BrowserSession(new Cookie("ct_session", cookie.getValue()),
                JsonPath.read(response.getContentAsString(), "$.csrfToken"));
    }

    String token(String username, String password) throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/api/tokens").contentType(MediaType.APPLICATION_JSON)
                .content(credentials(username, password))).andReturn().getResponse();
        if (response.getStatus() != 201) {
            throw new AssertionError("token for " + username + " answered " + response.getStatus() + ": "
                    + response.getContentAsString());
        }
        return JsonPath.read(response.getContentAsString(), "$.accessToken");
    }

    static String credentials(String username, String password) {
        return "{\"username\":" + json(username) + ",\"password\":" + json(password) + "}";
    }

    private static String json(String value) {
        return value == null ? "null" : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    @Override
    public void close() {
        context.close();
    }
}
