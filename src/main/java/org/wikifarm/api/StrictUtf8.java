package org.wikifarm.api;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.wikifarm.app.WikifarmException.InvalidInput;

/**
 * Checks that a request body is well-formed UTF-8 before Jackson reads it: Jackson's own decoder accepts some
 * malformed forms (e.g. the overlong {@code C0 AF} for {@code /}), and a page must never store what the client did
 * not mean. The body is already capped by the size limit, so reading it whole is bounded.
 */
@Provider
public final class StrictUtf8 implements ReaderInterceptor {
    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        byte[] body = context.getInputStream().readAllBytes();
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new InvalidInput("invalid_utf8", "The body is not valid UTF-8.");
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }
}
