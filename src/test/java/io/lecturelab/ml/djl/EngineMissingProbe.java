package io.lecturelab.ml.djl;

import io.lecturelab.ml.ClassifierSettings;
import io.lecturelab.ml.MlException;
import java.nio.file.Path;

/** Run in a child JVM by {@link EngineMissingTest}: starts the lazy in-process classifier and prints the outcome. */
public final class EngineMissingProbe {

    private EngineMissingProbe() {
    }

    public static void main(String[] args) {
        LazyClassifierService service = new LazyClassifierService(
                ClassifierSettings.defaults().withDataDir(Path.of(".")), DjlClassifierService::new);
        try {
            System.out.println("LOADED " + service.engineInfo());
        } catch (MlException e) {
            System.out.println("KEY=" + e.messageKey());
            System.out.println("MESSAGE=" + e.getMessage());
        } finally {
            service.close();
        }
    }
}
