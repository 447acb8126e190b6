package io.lecturelab.ml.dataset;

import java.util.List;

/** Where the CIFAR-10 data stands on this server. */
public sealed interface DatasetState {

    /** Every file the engine reads is in the folder. */
    record Ready() implements DatasetState {
    }

    /** Some file is missing and no download is running. */
    record Missing() implements DatasetState {
    }

    /**
     * The archive is coming in.
     *
     * @param totalBytes the archive's size, -1 while unknown
     */
    record Downloading(long bytesDone, long totalBytes) implements DatasetState {

        /** Share done between 0 and 1, or -1 while the size is unknown. */
        public double fraction() {
            return totalBytes > 0 ? Math.min(1.0, (double) bytesDone / totalBytes) : -1;
        }
    }

    /** The archive is complete and checked; its files are being extracted and the cat/dog file derived. */
    record Unpacking() implements DatasetState {
    }

    /**
     * The last download failed; nothing was written to the folder.
     *
     * @param messageKey what went wrong, as a message key for the user's language
     * @param arguments  the message's arguments
     * @param detail     the technical cause in English, for administrators and logs
     */
    record Failed(String messageKey, List<String> arguments, String detail) implements DatasetState {

        public Failed {
            arguments = List.copyOf(arguments);
        }
    }
}
