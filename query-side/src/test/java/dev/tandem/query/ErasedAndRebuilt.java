package dev.tandem.query;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two fresh Mongo databases for an erasure test: one whose read models are erased at once, one rebuilt
 * from the events as the store reads them after the erasure. Register it with {@code @RegisterExtension};
 * it drops both after each test.
 */
public final class ErasedAndRebuilt implements AfterEachCallback {

    public final TestMongo erased = new TestMongo();
    public final TestMongo rebuilt = new TestMongo();

    @Override
    public void afterEach(ExtensionContext context) {
        erased.close();
        rebuilt.close();
    }
}
