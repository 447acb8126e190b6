package io.lecturelab.ml;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the app under test at the CIFAR-10 folder that {@link MlTestData} found, so both read the same files. */
public class Cifar10TestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return MlTestData.find()
                .map(dir -> Map.of(ClassifierSettings.DATA_DIR_PROPERTY, dir.toString()))
                .orElse(Map.of());
    }

    @Override
    public void stop() {
    }
}
