package io.commentdesk.support;

import static io.restassured.RestAssured.given;

import java.util.Set;

import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

/** Bearer tokens as the newsroom's identity provider would issue them, signed with the test key. */
public final class Tokens {

    public static final String ISSUER = "https://comment-desk.dev/embedded";

    private Tokens() {
    }

    public static String moderator(String name) {
        return Jwt.issuer(ISSUER).subject(name).claim("preferred_username", name).groups(Set.of("moderator")).sign();
    }

    public static String admin(String name) {
        return Jwt.issuer(ISSUER).subject(name).groups(Set.of("admin")).sign();
    }

    public static String reader(String name) {
        return Jwt.issuer(ISSUER).subject(name).groups(Set.of("reader")).sign();
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }
}
