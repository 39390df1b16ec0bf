package org.consultationtracker.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every GET operation of a service's OpenAPI document (read at run time, so new endpoints are measured without
 * changing the benchmark), with its parameters filled from the ids the generator made. The rules are data:
 * <ul>
 * <li>a path parameter, or a required query parameter, takes its values from {@link #values} under
 * {@code "<path>:<name>"} if present, else under its name, else from the enum of its schema; an operation with a
 * parameter none of these fills is reported by {@link #unfilled} and the benchmark refuses to run (name the values
 * there when an endpoint is added);</li>
 * <li>an optional query parameter named in {@link #FILTERS} with known values gives the operation a second variant
 * filtered by it (the audit log by session, the coverage by agenda, ...); other optional parameters (paging, time
 * windows, {@code asOf}) are left to their defaults and listed as such;</li>
 * <li>a paged operation (an optional {@value #AFTER} parameter) with values under {@code "<path>:after"} gets one
 * more variant starting deep in its list (the benchmark fills them from a first page's {@code next}, or with a
 * position in the middle of the store); otherwise its requests are first pages;</li>
 * <li>an operation with an optional {@value #SIZE} parameter is asked for pages of {@value #PAGE_SIZE}, a page every
 * size of store fills: at the default page size a list answers 10 entries at 10k and a full page of 100 at 100k,
 * and its latency ratio would measure the answer's growth, not the store's.</li>
 * </ul>
 */
final class ApiCatalogue {

    /** Optional query parameters that each give an operation one more variant, filtered by a known id. */
    static final Set<String> FILTERS = Set.of("sessionId", "agendaId", "conversationId", "participantId",
                                              "stakeholderGroupId", "reportId");

    /** The keyset paging parameter: a variant with it measures a page deep in the list. */
    static final String AFTER = "after";

    /** The page size parameter, and the page asked for: the smallest store in a run fills it for every list. */
    static final String SIZE = "size";
    static final int PAGE_SIZE = 10;

    /** One request shape: an operation, possibly with one filter, and the concrete URIs to spread requests over. */
    record Variant(String service, String pathTemplate, String filter, List<String> uris) {

        String name() {
            return pathTemplate + (filter == null ? "" : "?" + filter + "=…");
        }
    }

    private static final JsonNode MISSING = com.fasterxml.jackson.databind.node.MissingNode.getInstance();

    private final Map<String, List<String>> values;
    private final List<String> unfilled = new ArrayList<>();
    private final Set<String> defaulted = new TreeSet<>();

    ApiCatalogue(Map<String, List<String>> values) {
        this.values = values;
    }

    /** The GET variants of one OpenAPI document, each with up to {@code spread} concrete URIs. */
    List<Variant> gets(String service, JsonNode openApi, int spread, Random random) {
        List<Variant> variants = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode get = path.getValue().get("get");
            if (get == null) {
                continue;
            }
            String template = path.getKey();
            Map<String, List<String>> required = new LinkedHashMap<>();
            List<String> filters = new ArrayList<>();
            boolean fillable = true;
            boolean paged = false;
            for (JsonNode parameter : get.path("parameters")) {
                String name = parameter.path("name").asText();
                String in = parameter.path("in").asText();
                boolean isRequired = parameter.path("required").asBoolean(false) || in.equals("path");
                if (!in.equals("path") && !in.equals("query")) {
                    continue;
                }
                List<String> known = valuesFor(template, name, parameter.path("schema"));
                if (isRequired) {
                    if (known.isEmpty()) {
                        unfilled.add(service + " GET " + template + " (" + in + " parameter " + name + ")");
                        fillable = false;
                    } else {
                        required.put(name + "|" + in, known);
                    }
                } else if (FILTERS.contains(name) && !known.isEmpty()) {
                    filters.add(name);
                } else if (name.equals(SIZE) && in.equals("query")) {
                    paged = true;
                } else if (name.equals(AFTER) && values.containsKey(template + ":" + AFTER)) {
                    filters.add(name); // only values named for this path: positions mean nothing elsewhere
                } else {
                    defaulted.add(name);
                }
            }
            if (!fillable) {
                continue;
            }
            variants.add(new Variant(service, template, null, uris(template, required, null, paged, spread, random)));
            for (String filter : filters) {
                variants.add(new Variant(service, template, filter,
                                         uris(template, required, filter, paged, spread, random)));
            }
        }
        return variants;
    }

    /** Operations with a parameter nothing fills: the benchmark names them and stops. */
    List<String> unfilled() {
        return unfilled;
    }

    /** Optional parameters left to their defaults. */
    Set<String> defaulted() {
        return defaulted;
    }

    private List<String> valuesFor(String template, String name, JsonNode schema) {
        List<String> known = values.get(template + ":" + name);
        if (known == null) {
            known = values.get(name);
        }
        if ((known == null || known.isEmpty()) && schema.has("enum")) {
            known = new ArrayList<>();
            for (JsonNode value : schema.get("enum")) {
                known.add(value.asText());
            }
        }
        return known == null ? List.of() : known;
    }

    private List<String> uris(String template, Map<String, List<String>> required, String filter, boolean paged,
                              int spread, Random random) {
        List<String> uris = new ArrayList<>();
        for (int i = 0; i < spread; i++) {
            String uri = template;
            StringBuilder query = new StringBuilder();
            for (Map.Entry<String, List<String>> parameter : required.entrySet()) {
                String[] nameAndPlace = parameter.getKey().split("\\|");
                String value = pick(parameter.getValue(), random);
                if (nameAndPlace[1].equals("path")) {
                    uri = uri.replace("{" + nameAndPlace[0] + "}", encode(value));
                } else {
                    query.append(query.isEmpty() ? "?" : "&").append(nameAndPlace[0]).append('=').append(encode(value));
                }
            }
            if (filter != null) {
                query.append(query.isEmpty() ? "?" : "&").append(filter).append('=')
                     .append(encode(pick(valuesFor(template, filter, MISSING), random)));
            }
            if (paged) {
                query.append(query.isEmpty() ? "?" : "&").append(SIZE).append('=').append(PAGE_SIZE);
            }
            uris.add(uri + query);
            if (required.isEmpty() && filter == null) {
                break; // one URI is all there is
            }
        }
        return uris;
    }

    private static String pick(List<String> from, Random random) {
        return from.get(random.nextInt(from.size()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
