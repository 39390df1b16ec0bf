package org.consultationtracker.eventstore.verify;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;
import org.consultationtracker.eventstore.config.StoreProperties;

/**
 * Command-line verifier: {@code verify-store [mongodb-uri] [database]}. Without a URI it checks MONGODB_URI, then the
 * embedded store on 127.0.0.1 at CONSULTATION_STORE_PORT (27317). Prints every break, one line each (the first
 * {@value VerificationReport#MAX_BREAKS_HELD}, then how many more), then a one-line summary. Exit status 0 when every
 * commit verifies, 1 when anything is broken, 2 when the store cannot be read.
 */
public final class ChainVerifierMain {

    private ChainVerifierMain() {
    }

    public static void main(String[] args) {
        StoreProperties defaults = new StoreProperties();
        String uri = args.length > 0 ? args[0] : defaults.getMongodbUri();
        if (uri.isBlank()) {
            uri = EmbeddedMongoStore.uriFor(defaults.getEmbedded().getHost(), defaults.getEmbedded().getPort());
        }
        String database = args.length > 1 ? args[1] : "consultation";
        try (MongoClient client = MongoClients.create(uri)) {
            VerificationReport report = new ChainVerifier(client.getDatabase(database)).verify();
            report.breaks().forEach(System.out::println);
            if (report.breaksNotHeld() > 0) {
                System.out.println("... and " + report.breaksNotHeld() + " more breaks after these (the report holds "
                                           + "the first " + report.breaks().size() + ")");
            }
            System.out.println(report.summary());
            System.exit(report.intact() ? 0 : 1);
        } catch (RuntimeException e) {
            System.err.println("Cannot verify the store at " + uri + ": " + e.getMessage());
            System.exit(2);
        }
    }
}
