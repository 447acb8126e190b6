package io.lecturelab.ml.djl;

import io.lecturelab.ml.ClassifierSettings;
import io.lecturelab.ml.MlException;
import java.nio.file.Path;

/** Run in a child JVM by {@link EngineMissingTest}: starts the lazy in-process classifier and prints the outcome of two
 * attempts. */
public final class EngineMissingProbe {

    private EngineMissingProbe() {
    }

    public static void main(String[] args) {
        printLogRecords();
        LazyClassifierService service = new LazyClassifierService(
                ClassifierSettings.defaults().withDataDir(Path.of(".")), DjlClassifierService::new);
        try {
            // twice: a failed start is tried again on the next call, and must explain itself again
            for (int attempt = 1; attempt <= 2; attempt++) {
                try {
                    System.out.println("LOADED " + service.engineInfo());
                    return;
                } catch (MlException e) {
                    System.out.println("KEY=" + e.messageKey());
                    System.out.println("MESSAGE=" + e.getMessage());
                }
            }
        } finally {
            service.close();
        }
    }

    /** What the server log would show: each record with its stack trace, on standard output. */
    private static void printLogRecords() {
        java.util.logging.Logger.getLogger("").addHandler(new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                System.out.println("LOG " + record.getLevel() + " " + record.getMessage());
                if (record.getThrown() != null) {
                    record.getThrown().printStackTrace(System.out);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }
}
