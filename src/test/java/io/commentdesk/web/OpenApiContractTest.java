package io.commentdesk.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The committed contract, openapi/openapi.yaml, is exactly what the service serves. After an
 * intended API change, rewrite it with {@code mvn verify -Dopenapi.update=true} and review the diff.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Path COMMITTED = Path.of("openapi", "openapi.yaml");

    @Test
    void committedContractEqualsTheGeneratedOne() throws IOException {
        String generated = given().accept("application/yaml").get("/q/openapi").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("openapi.update")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }
        assertThat(COMMITTED).as("openapi/openapi.yaml is committed").exists();
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("openapi/openapi.yaml differs from the generated contract; run mvn verify -Dopenapi.update=true and review the diff")
                .isEqualTo(generated);
    }

    @Test
    void contractExamplesUseOnlyExampleDomains() throws IOException {
        String contract = Files.readString(COMMITTED, StandardCharsets.UTF_8);
        assertThat(contract.split("\\s+"))
                .filteredOn(word -> word.contains("@"))
                .allSatisfy(word -> assertThat(word).containsPattern("@[a-z.]*example\\.com"));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
