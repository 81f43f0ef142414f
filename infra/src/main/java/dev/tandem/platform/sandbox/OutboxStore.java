package dev.tandem.platform.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the stand-ins received, kept in the data directory ({@code sandbox/outbox.jsonl}, one JSON
 * message a line) so that it survives a restart of the platform, a killed one included: each message is
 * written before its stand-in answers. A line cut short by a crash is passed over when read back.
 */
public final class OutboxStore {

    private static final Logger log = LoggerFactory.getLogger(OutboxStore.class);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path file;
    private final List<OutboxMessage> messages = new ArrayList<>();

    public OutboxStore(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                String content = Files.readString(file, StandardCharsets.UTF_8);
                content.lines().forEach(this::read);
                if (!content.isEmpty() && !content.endsWith("\n")) {
                    // the last line was cut short: the next message starts a line of its own
                    Files.writeString(file, "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sandbox outbox " + file, e);
        }
    }

    private void read(String line) {
        if (line.isBlank()) {
            return;
        }
        try {
            messages.add(JSON.readValue(line, OutboxMessage.class));
        } catch (IOException e) {
            log.warn("Passed over a line of the sandbox outbox that was cut short");
        }
    }

    public synchronized void record(OutboxMessage message) {
        try {
            Files.writeString(file, JSON.writeValueAsString(message) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox outbox " + file, e);
        }
        messages.add(message);
    }

    /** Everything received, in the order received. */
    public synchronized List<OutboxMessage> all() {
        return List.copyOf(messages);
    }

    public synchronized List<OutboxMessage> of(String channel) {
        return messages.stream().filter(message -> message.channel().equals(channel)).toList();
    }
}
