package io.commentdesk.web;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/** JSON reading rules for the whole API. */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        // {"content":"a","content":"b"} is ambiguous; refuse it rather than keep whichever came last.
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // Write an emoji as its four UTF-8 bytes rather than as two escaped surrogate halves.
        mapper.getFactory().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8.mappedFeature());
    }
}
