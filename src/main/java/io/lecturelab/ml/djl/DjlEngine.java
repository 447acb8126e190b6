package io.lecturelab.ml.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.lecturelab.ml.MlException;

/** Loads the PyTorch engine offline, with pinned thread counts, and turns a missing native into a clear error. */
final class DjlEngine {

    private DjlEngine() {
    }

    static Engine load(int intraOpThreads) {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        // PyTorch reads these once, when the engine starts: the first service in a process decides them.
        setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(intraOpThreads));
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        try {
            Engine engine = Engine.getEngine("PyTorch");
            if (engine == null) {
                throw missing(null);
            }
            return engine;
        } catch (MlException e) {
            throw e;
        } catch (RuntimeException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            // With no usable native library DJL reports only "Offline mode is enabled" (it may not download).
            throw missing(e);
        }
    }

    private static MlException missing(Throwable cause) {
        return new MlException("ml.error.engineMissing",
                "the PyTorch native library is missing or cannot be loaded; DJL runs offline here and will not"
                        + " download it. Put ai.djl.pytorch:pytorch-native-cpu:2.5.1 (classifier linux-x86_64, or a"
                        + " CUDA build) and ai.djl.pytorch:pytorch-jni:2.5.1-0.33.0 on the runtime classpath"
                        + (cause == null ? "" : ". Engine said: " + cause.getMessage()), cause);
    }

    static Device device(Engine engine, String setting) {
        return switch (setting) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (engine.getGpuCount() == 0) {
                    throw new MlException("ml.error.noGpu", "device gpu was asked for but the engine sees no GPU");
                }
                yield Device.gpu();
            }
            default -> engine.defaultDevice();
        };
    }

    static String describe(Engine engine) {
        return engine.getEngineName() + " " + engine.getVersion();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
