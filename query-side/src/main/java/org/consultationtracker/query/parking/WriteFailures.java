package org.consultationtracker.query.parking;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import org.bson.BsonMaximumSizeExceededException;
import org.bson.BsonSerializationException;
import org.bson.codecs.configuration.CodecConfigurationException;

/**
 * Tells a write that failed because of what was written (a document the store cannot hold, a value it cannot encode)
 * from a write that failed because of the store: the first will fail the same way however often it is retried, so the
 * event behind it must be found and parked; the second is retried.
 */
public final class WriteFailures {

    private WriteFailures() {
    }

    public static boolean causedByContent(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BsonSerializationException || cause instanceof BsonMaximumSizeExceededException
                    || cause instanceof CodecConfigurationException || cause instanceof IllegalArgumentException) {
                return true;
            }
            if (cause instanceof MongoBulkWriteException bulk) {
                return !bulk.getWriteErrors().isEmpty() && bulk.getWriteErrors().stream()
                        .map(BulkWriteError::getCategory).noneMatch(ErrorCategory.DUPLICATE_KEY::equals);
            }
            if (cause instanceof MongoWriteException write) {
                return write.getError().getCategory() != ErrorCategory.DUPLICATE_KEY;
            }
        }
        return false;
    }
}
