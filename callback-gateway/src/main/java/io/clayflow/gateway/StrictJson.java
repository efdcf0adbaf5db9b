package io.clayflow.gateway;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Parses request bodies strictly: UTF-8 only, no duplicate keys, no trailing content, bounded nesting. Anything it
 * refuses is a 400 (the body is not the JSON document it claims to be), never a 422.
 */
final class StrictJson {

    static final int MAX_DEPTH = 16;

    private final ObjectMapper mapper;

    StrictJson() {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .build();
        this.mapper = JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    }

    /** The request's body as a document, or an {@link ApiError} 400 naming why it is not one. */
    JsonNode parse(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        return parse(body == null ? null : body.getBytes());
    }

    /** The document, or an {@link ApiError} 400 naming why it is not one. */
    JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiError.of(400, "The request body is empty: expected a JSON document").asException();
        }
        String text;
        try {
            // Strict decoding first: Jackson lets overlong and some other invalid UTF-8 sequences through.
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.of(400, "The request body is not valid UTF-8").asException();
        }
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw ApiError.of(400, "The request body is empty: expected a JSON document").asException();
            }
            return node;
        } catch (IOException e) {
            throw ApiError.of(400, "Malformed JSON: " + firstLine(e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    ? j.getOriginalMessage() : e.getMessage())).asException();
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : node.toString();
    }
}
