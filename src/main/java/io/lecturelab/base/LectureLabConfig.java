package io.lecturelab.base;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Typed view of the {@code lecturelab.*} settings (see README's configuration table). */
@ConfigMapping(prefix = "lecturelab")
public interface LectureLabConfig {

    Admin admin();

    /**
     * Folder for the embedded database and the sign-in cookie key. Read before Quarkus starts (see Application), so
     * it is set as a system property or the LECTURELAB_DATA_DIR environment variable.
     */
    @WithDefault("data")
    Path dataDir();

    /** Create the sample course "Deep Learning" on first start. */
    @WithDefault("true")
    boolean sampleCourse();

    /** Largest roster file accepted, in bytes. */
    @WithDefault("1048576")
    int maxRosterBytes();

    Ml ml();

    Lectures lectures();

    interface Lectures {
        /** Largest file that can be attached to a lecture, in bytes. */
        @WithDefault("20971520")
        int maxAttachmentBytes();

        /** File name extensions that can be attached to a lecture. */
        @WithDefault("pdf,png,jpg,jpeg,gif,zip,ipynb,py,txt,csv")
        List<String> attachmentTypes();
    }

    interface Ml {
        /** Folder with the CIFAR-10 binary files; downloaded there when missing. */
        @WithDefault("data/cifar10")
        Path cifar10Dir();
    }

    interface Admin {
        /** User name of the first administrator, created when no administrator exists. */
        @WithDefault("admin")
        String username();

        /** Its password; when absent a random one is generated and printed once at first start. */
        Optional<String> password();
    }
}
