package dev.tandem.platform.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DeepL's {@code POST /v2/translate}, as the DeepL Java SDK calls it, on the embedded default: it
 * "translates" each text by marking it with the target language ({@code [pl] ...}) and says it found
 * English, so that the real SDK code runs, what was translated shows, and nothing leaves the machine.
 * It takes the form the SDK sends (repeated {@code text}, {@code target_lang}) and JSON alike.
 */
public final class DeeplStandIn {

    static final String TRANSLATE = "sandbox-deepl-translate";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;

    private DeeplStandIn(WireMockServer server) {
        this.server = server;
    }

    public static DeeplStandIn start(int port) {
        WireMockServer server = StandInServers.start(port, new Translator());
        server.stubFor(post(urlPathEqualTo("/v2/translate")).willReturn(aResponse().withTransformers(TRANSLATE)));
        return new DeeplStandIn(server);
    }

    public int port() {
        return server.port();
    }

    public void stop() {
        server.stop();
    }

    /** The marked texts, in order, in the shape DeepL answers. */
    static String answer(List<String> texts, String targetLanguage) throws JsonProcessingException {
        String mark = "[" + Locale.forLanguageTag(targetLanguage).getLanguage().toLowerCase(Locale.ROOT) + "] ";
        List<Map<String, Object>> translations = new ArrayList<>();
        for (String text : texts) {
            translations.add(Map.of("detected_source_language", "EN", "text", mark + text,
                    "billed_characters", text.length()));
        }
        return JSON.writeValueAsString(Map.of("translations", translations));
    }

    private static final class Translator implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String body = event.getRequest().getBodyAsString();
            List<String> texts = new ArrayList<>();
            String target = null;
            try {
                if (body.stripLeading().startsWith("{")) {
                    JsonNode json = JSON.readTree(body);
                    json.path("text").forEach(text -> texts.add(text.asText()));
                    target = json.path("target_lang").asText(null);
                } else {
                    for (String pair : body.split("&")) {
                        int eq = pair.indexOf('=');
                        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                        if (name.equals("text")) {
                            texts.add(value);
                        } else if (name.equals("target_lang")) {
                            target = value;
                        }
                    }
                }
                if (target == null || texts.isEmpty()) {
                    return new ResponseDefinitionBuilder().withStatus(400).withHeader("Content-Type", "application/json")
                            .withBody("{\"message\":\"Parameter 'text' and 'target_lang' are required\"}").build();
                }
                return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(answer(texts, target)).build();
            } catch (JsonProcessingException e) {
                return new ResponseDefinitionBuilder().withStatus(400).build();
            }
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return TRANSLATE;
        }
    }
}
