package org.consultationtracker.system.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The committed OpenAPI description of the command side (docs/openapi/command-side.json), read at test time: every
 * write operation (POST and PUT) with its path variables and request schema, and every property of a schema down
 * through nested objects and arrays, with {@code $ref}s resolved.
 */
public final class ContractDocument {

    public static final String FILE = "docs/openapi/command-side.json";
    public static final String QUERY_FILE = "docs/openapi/query-side.json";

    /** One write operation; {@code bodySchema} is null when the operation takes no body. */
    public record Operation(String method, String path, List<PathVariable> pathVariables, JsonNode bodySchema,
                            boolean bodyRequired) {

        public String name() {
            return method + " " + path;
        }

        public boolean hasBody() {
            return bodySchema != null;
        }
    }

    public record PathVariable(String name, JsonNode schema) {

        public boolean isInteger() {
            return "integer".equals(schema.path("type").asText());
        }
    }

    /**
     * One property of a request body. {@code path} is how the API names it in a problem ({@code rounds[0].startsAt},
     * {@code rooms[0]} for an element of a list of texts).
     */
    public record Field(String path, String name, JsonNode schema, boolean required) {

        public String type() {
            return schema.path("type").asText("object");
        }

        public boolean isId() {
            return schema.has("pattern");
        }

        public boolean isEnum() {
            return schema.has("enum");
        }

        public boolean isDateTime() {
            return "date-time".equals(schema.path("format").asText());
        }

        public boolean isText() {
            return "string".equals(type()) && !isId() && !isEnum() && !isDateTime();
        }

        public boolean isElement() {
            return path.endsWith("]");
        }
    }

    private final JsonNode document;

    private ContractDocument(JsonNode document) {
        this.document = document;
    }

    /** The committed document, found from the working directory upwards (Maven runs tests in the module). */
    public static ContractDocument committed() {
        return committed(FILE);
    }

    /** A committed document ({@link #FILE}, {@link #QUERY_FILE}), found from the working directory upwards. */
    public static ContractDocument committed(String file) {
        try {
            return new ContractDocument(new ObjectMapper().readTree(repositoryFile(file).toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of the repository, found from the working directory upwards (Maven runs tests in the module). */
    public static Path repositoryFile(String file) {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.exists(directory.resolve(file))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException(file + " not found above " + Path.of("").toAbsolutePath());
        }
        return directory.resolve(file);
    }

    /** Every operation of the document, of any method, sign-in included, in the document's order. */
    public List<Operation> allOperations() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : List.of("get", "put", "post", "delete", "patch", "head", "options", "trace")) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    operations.add(operation(method, path.getKey(), operation));
                }
            }
        }
        return operations;
    }

    /** Every POST and PUT of the document, in its order. */
    private static final Set<String> SIGN_IN = Set.of("/api/session", "/api/tokens");

    public List<Operation> writeOperations() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (SIGN_IN.contains(path.getKey())) {
                // Sign-in records nothing in the store and is throttled (thousands of malformed sign-ins would lock
                // this test's own address out); the access module's tests attack it on their own.
                continue;
            }
            for (String method : List.of("post", "put")) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                operations.add(operation(method, path.getKey(), operation));
            }
        }
        return operations;
    }

    private Operation operation(String method, String path, JsonNode operation) {
        List<PathVariable> variables = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            if ("path".equals(parameter.path("in").asText())) {
                variables.add(new PathVariable(parameter.path("name").asText(), resolve(parameter.path("schema"))));
            }
        }
        JsonNode body = operation.path("requestBody");
        JsonNode schema = body.path("content").path("application/json").get("schema");
        return new Operation(method.toUpperCase(), path, List.copyOf(variables),
                schema == null ? null : resolve(schema), body.path("required").asBoolean(false));
    }

    /** Follows {@code $ref}s (to components of this document) until a schema is reached. */
    public JsonNode resolve(JsonNode schema) {
        JsonNode resolved = schema;
        for (int depth = 0; resolved != null && resolved.has("$ref"); depth++) {
            if (depth > 20) {
                throw new IllegalStateException("$ref loop at " + schema);
            }
            String ref = resolved.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("only local $refs are expected: " + ref);
            }
            resolved = document.at(ref.substring(1));
        }
        return resolved;
    }

    /** Every property of an object schema, nested ones too (elements of lists as {@code name[0]}). */
    public List<Field> fields(JsonNode objectSchema) {
        List<Field> fields = new ArrayList<>();
        collect(resolve(objectSchema), "", fields);
        return fields;
    }

    private void collect(JsonNode objectSchema, String prefix, List<Field> fields) {
        List<String> required = new ArrayList<>();
        objectSchema.path("required").forEach(name -> required.add(name.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> properties = objectSchema.path("properties").fields();
             properties.hasNext(); ) {
            Map.Entry<String, JsonNode> property = properties.next();
            String path = prefix.isEmpty() ? property.getKey() : prefix + "." + property.getKey();
            JsonNode schema = resolve(property.getValue());
            fields.add(new Field(path, property.getKey(), schema, required.contains(property.getKey())));
            String type = schema.path("type").asText("object");
            if ("array".equals(type)) {
                JsonNode items = resolve(schema.path("items"));
                if ("object".equals(items.path("type").asText("object"))) {
                    fields.add(new Field(path + "[0]", property.getKey(), items, true));
                    collect(items, path + "[0]", fields);
                } else {
                    fields.add(new Field(path + "[0]", property.getKey(), items, true));
                }
            } else if ("object".equals(type) && schema.has("properties")) {
                collect(schema, path, fields);
            }
        }
    }

    /** The schema at a field path of a body schema, e.g. {@code rounds[0]} gives the round's object schema. */
    public JsonNode schemaAt(JsonNode bodySchema, String path) {
        JsonNode schema = resolve(bodySchema);
        if (path.isEmpty()) {
            return schema;
        }
        for (String step : path.split("\\.")) {
            String name = step.contains("[") ? step.substring(0, step.indexOf('[')) : step;
            schema = resolve(schema.path("properties").path(name));
            if (step.contains("[")) {
                schema = resolve(schema.path("items"));
            }
        }
        return schema;
    }
}
