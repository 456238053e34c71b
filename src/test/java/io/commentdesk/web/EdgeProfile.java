package io.commentdesk.web;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The HTTP edge as ops set it up behind a proxy for one frontend: one allowed origin, a trusted local
 * proxy, and a short body deadline so tests of it need not wait long. One profile for every edge test,
 * so Quarkus starts once for all of them.
 */
public class EdgeProfile implements QuarkusTestProfile {

    public static final String FRONTEND = "https://news.example.com";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "comments.allowed-origins", FRONTEND,
                "comments.body-read-timeout", "2s",
                // SlowClientsTest waits for the line that says a late second answer was dropped.
                "quarkus.log.category.\"io.commentdesk.web.RequestPrechecks\".level", "DEBUG");
    }
}
