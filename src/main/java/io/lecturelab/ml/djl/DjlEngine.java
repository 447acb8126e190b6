package io.lecturelab.ml.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.lecturelab.ml.MlException;

/**
 * Loads the PyTorch engine offline, with pinned thread counts, and turns a failed start into an error that names its
 * real cause: a missing native library, a class DJL cannot see, or whatever else the engine said.
 */
final class DjlEngine {

    private static final System.Logger LOG = System.getLogger(DjlEngine.class.getName());
    /** The first failed start of this process: key and explanation, repeated to every later caller. */
    private static MlException firstFailure;

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
                throw nativeMissing(null);
            }
            return engine;
        } catch (MlException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw failure(e);
        }
    }

    /**
     * The first failure names the real cause and is logged with its stack trace. A class whose static initialiser
     * failed is never initialised again, so later attempts only see "Could not initialize class": they repeat the
     * first explanation instead, without logging it again.
     */
    private static synchronized MlException failure(Throwable e) {
        if (firstFailure == null) {
            firstFailure = explain(e);
            LOG.log(System.Logger.Level.ERROR, "The PyTorch engine cannot start: " + firstFailure.getMessage(), e);
            return firstFailure;
        }
        return new MlException(firstFailure.messageKey(), firstFailure.detail(), e);
    }

    static MlException explain(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof ClassNotFoundException
                    || (cause instanceof NoClassDefFoundError && !message.startsWith("Could not initialize class"))) {
                return new MlException("ml.error.engineClassMissing", "the engine cannot start: the class "
                        + message.replace('/', '.') + " is not visible to the class loader that loaded DJL ("
                        + DjlEngine.class.getClassLoader().getName() + "). Package DJL beside the libraries it uses",
                        e);
            }
            if (cause instanceof UnsatisfiedLinkError || message.contains("Offline mode")
                    || message.contains("No deep learning engine found")) {
                // With no usable native library DJL reports only "Offline mode is enabled" (it may not download).
                return nativeMissing(e);
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new MlException("ml.error.engineFailed", "the PyTorch engine could not start: " + root, e);
    }

    private static MlException nativeMissing(Throwable cause) {
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
