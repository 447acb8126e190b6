package io.lecturelab.base;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Typed view of the {@code lecturelab.*} settings (see README's configuration table). */
@ConfigMapping(prefix = "lecturelab")
public interface LectureLabConfig {

    /** Defaults of the upload limits, also read by {@link HttpBodyLimit}. */
    String DEFAULT_MAX_ROSTER_BYTES = "1048576";
    String DEFAULT_MAX_ATTACHMENT_BYTES = "20971520";
    String DEFAULT_MAX_SUBMISSION_FILE_BYTES = "20971520";
    /** The largest picture a student may upload to the classifier lab (a fixed limit, stated on the lab's page). */
    int LAB_MAX_IMAGE_BYTES = 10 * 1024 * 1024;

    Admin admin();

    SignIn signIn();

    interface SignIn {
        /**
         * The wait after the last free failed sign-in of an account (or address); each further failure doubles it,
         * up to a minute or this wait, whichever is longer.
         */
        @WithDefault("PT1S")
        Duration firstWait();
    }

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
    @WithDefault(DEFAULT_MAX_ROSTER_BYTES)
    int maxRosterBytes();

    Ml ml();

    Lectures lectures();

    Coursework coursework();

    interface Coursework {
        /** Largest file a student may hand in, in bytes. */
        @WithDefault(DEFAULT_MAX_SUBMISSION_FILE_BYTES)
        int maxFileBytes();
    }

    interface Lectures {
        /** Largest file that can be attached to a lecture, in bytes. */
        @WithDefault(DEFAULT_MAX_ATTACHMENT_BYTES)
        int maxAttachmentBytes();

        /** File name extensions that can be attached to a lecture. */
        @WithDefault("pdf,png,jpg,jpeg,gif,zip,ipynb,py,txt,csv")
        List<String> attachmentTypes();
    }

    interface Ml {
        /** Folder with the CIFAR-10 binary files; downloaded there when missing. */
        @WithDefault("data/cifar10")
        Path cifar10Dir();

        /** When the CIFAR-10 files are downloaded if the folder lacks them. */
        @WithDefault("auto")
        DatasetDownload datasetDownload();

        /** Where the CIFAR-10 binary archive is downloaded from. */
        @WithDefault("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz")
        URI datasetUrl();

        /** The archive's expected sha256 (hex). */
        @WithDefault("c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd")
        String datasetSha256();

        /** Where the classifier runs: in this process, or on a worker server reached over REST. */
        @WithDefault("in-process")
        Mode mode();

        /** Base URL of the worker server in remote mode, e.g. http://gpu-1:8080. */
        Optional<String> remoteUrl();

        /** Shared secret of the /api/ml endpoints (header X-LectureLab-Token); without it the API is off. */
        Optional<String> serviceToken();

        /** This server's part: both (web and training workers), web (no workers) or worker (workers only). */
        @WithDefault("both")
        Role role();

        /** Engine device: auto, cpu or gpu. */
        @WithDefault("auto")
        String device();

        /** Threads per engine operation. */
        @WithDefault("1")
        int intraOpThreads();

        /**
         * Collect concurrent classify calls into one engine call: {@code auto} (on a GPU yes, on a CPU no),
         * {@code on} or {@code off}.
         */
        @WithDefault("auto")
        String microBatching();

        Queue queue();

        interface Queue {
            /** Training worker threads of this server; default one per core. 0 runs none. */
            OptionalInt workers();

            /** How long a claimed job stays with its worker without a heartbeat. */
            @WithDefault("PT30S")
            Duration lease();

            /** How often an idle worker looks for a job. */
            @WithDefault("PT1S")
            Duration poll();

            /** Jobs one user may have queued or running at once. */
            @WithDefault("3")
            int maxActivePerUser();

            /** Most epochs one job may ask for. */
            @WithDefault("50")
            int maxEpochsPerJob();

            /**
             * Most jobs one worker trains together on one pass over the data (jobs with the same class set, batch
             * size and epochs; see docs/ml-engine.md). 1 trains every job alone.
             */
            @WithDefault("100")
            int groupSize();

            /** Claims of one job (first run plus recoveries) before it is marked failed. */
            @WithDefault("3")
            int maxAttempts();
        }

        enum Mode { IN_PROCESS, REMOTE }

        enum DatasetDownload {
            /** At start-up when files are missing, and when an administrator asks. */
            AUTO,
            /** Only when an administrator asks. */
            MANUAL,
            /** Never: the files are copied in by hand. */
            OFF
        }

        enum Role {
            BOTH, WEB, WORKER;

            public boolean runsWorkers() {
                return this != WEB;
            }
        }
    }

    interface Admin {
        /** User name of the first administrator, created when no administrator exists. */
        @WithDefault("admin")
        String username();

        /** Its password; when absent a random one is generated and printed once at first start. */
        Optional<String> password();
    }
}
