package dev.tandem.support.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every text field of every request body: a JSON string, nothing else (no number, boolean or object
 * turned into text), without NUL or other control characters (a tab and a line break are text), and
 * without a lone half of a surrogate pair. What is refused here is named by its field in a 400 answer,
 * before anything is stored: a NUL in a carer's name once answered 201 and then silently stopped every
 * notification to that carer, because PostgreSQL cannot store it.
 */
public final class StrictText extends StdScalarDeserializer<String> {

    StrictText() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new UnacceptableText(parser, "must be a string");
        }
        String text = parser.getString();
        String problem = problemWith(text);
        if (problem != null) {
            throw new UnacceptableText(parser, problem);
        }
        return text;
    }

    /** Why the text cannot be taken, or null when it can. */
    public static String problemWith(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "must not contain a NUL character";
            }
            boolean lineBreak = c == '\n' || (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n');
            if ((Character.isISOControl(c) && c != '\t' && !lineBreak)) {
                return "must not contain control characters";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain a lone surrogate";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain a lone surrogate";
            }
        }
        return null;
    }

    /** A text refused by {@link StrictText}; its message is ours and names no input, so it may be shown. */
    static final class UnacceptableText extends MismatchedInputException {
        UnacceptableText(JsonParser parser, String message) {
            super(parser, message, String.class);
        }

        String reason() {
            return getOriginalMessage();
        }
    }
}
