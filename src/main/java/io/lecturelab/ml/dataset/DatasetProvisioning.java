package io.lecturelab.ml.dataset;

import io.lecturelab.base.LectureLabConfig;
import io.lecturelab.base.LectureLabConfig.Ml.DatasetDownload;
import io.lecturelab.ml.MlException;
import io.lecturelab.ml.data.Cifar10Downloader;
import io.lecturelab.ml.data.Cifar10Files;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Makes sure this server has the CIFAR-10 files: reports their state, and downloads the official archive (or the
 * configured one) in a background thread, at start-up when {@code lecturelab.ml.dataset-download=auto} and whenever
 * an administrator asks. At most one download runs at a time; listeners hear every change and every megabyte.
 */
@ApplicationScoped
public class DatasetProvisioning {

    private static final System.Logger LOG = System.getLogger(DatasetProvisioning.class.getName());
    private static final long LOG_STEP_WITHOUT_SIZE = 16L << 20;

    private final Cifar10Files files;
    private final DatasetDownload mode;
    private final URI source;
    private final String sha256;
    private final Cifar10Downloader downloader;
    private final CopyOnWriteArrayList<Consumer<DatasetState>> listeners = new CopyOnWriteArrayList<>();

    /** The running download's latest state, or the last failure; null when neither. */
    private volatile DatasetState current;
    private Thread worker;
    private volatile boolean stopping;

    @Inject
    DatasetProvisioning(LectureLabConfig config) {
        this(config.ml().cifar10Dir(), effectiveMode(config.ml().datasetDownload(), config.ml().role()),
                config.ml().datasetUrl(), config.ml().datasetSha256(), new Cifar10Downloader());
    }

    /**
     * Only servers that train need the files at once: on a web-only server (role {@code web}) {@code auto} waits
     * for an administrator, as {@code manual} does, instead of fetching 170 MB at every first start.
     */
    static DatasetDownload effectiveMode(DatasetDownload configured, LectureLabConfig.Ml.Role role) {
        return configured == DatasetDownload.AUTO && !role.runsWorkers() ? DatasetDownload.MANUAL : configured;
    }

    public DatasetProvisioning(Path folder, DatasetDownload mode, URI source, String sha256,
                               Cifar10Downloader downloader) {
        this.files = new Cifar10Files(folder);
        this.mode = mode;
        this.source = source;
        this.sha256 = sha256;
        this.downloader = downloader;
    }

    void onStart(@Observes StartupEvent event) {
        provisionAtStart();
    }

    void onStop(@Observes ShutdownEvent event) {
        close();
    }

    /** With {@code auto}, starts the download when files are missing. */
    void provisionAtStart() {
        if (files.complete()) {
            return;
        }
        if (mode == DatasetDownload.AUTO) {
            LOG.log(System.Logger.Level.INFO, "CIFAR-10 files missing in {0}: downloading {1}", folder(), source);
            start();
        } else if (mode == DatasetDownload.MANUAL) {
            LOG.log(System.Logger.Level.WARNING, "CIFAR-10 files missing in {0}: an administrator can download them "
                    + "on the Machine learning page (lecturelab.ml.dataset-download=manual)", folder());
        } else {
            LOG.log(System.Logger.Level.WARNING, "CIFAR-10 files missing in {0}: copy them there "
                    + "(lecturelab.ml.dataset-download=off)", folder());
        }
    }

    public DatasetState state() {
        DatasetState running = current;
        if (running instanceof DatasetState.Downloading || running instanceof DatasetState.Unpacking) {
            return running;
        }
        if (files.complete()) {
            return new DatasetState.Ready();
        }
        return running != null ? running : new DatasetState.Missing();
    }

    /**
     * Starts downloading in the background unless a download is running, the files are complete, or downloading is
     * switched off.
     *
     * @return whether a download was started
     */
    public boolean start() {
        DatasetState started;
        synchronized (this) {
            if (mode == DatasetDownload.OFF || worker != null || stopping || files.complete()) {
                return false;
            }
            started = new DatasetState.Downloading(0, -1);
            current = started;
            worker = Thread.ofPlatform().daemon().name("cifar10-download").start(this::download);
        }
        publish(started);
        return true;
    }

    /** Whether this server may download the files (an administrator's button, or at start-up). */
    public boolean downloadAllowed() {
        return mode != DatasetDownload.OFF;
    }

    public Path folder() {
        return files.dir().toAbsolutePath().normalize();
    }

    public URI source() {
        return source;
    }

    /** The files the engine reads, each present or not. */
    public List<DatasetFile> files() {
        return Cifar10Files.REQUIRED_FILES.stream().map(name -> {
            Path file = files.dir().resolve(name);
            try {
                return Files.isRegularFile(file) ? new DatasetFile(name, true, Files.size(file))
                        : new DatasetFile(name, false, 0);
            } catch (IOException e) {
                return new DatasetFile(name, false, 0);
            }
        }).toList();
    }

    /**
     * Hears every state change and download progress, on the download thread: keep it quick.
     *
     * @return closing it removes the listener
     */
    public AutoCloseable listen(Consumer<DatasetState> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Stops a running download (its temporary files are removed) and waits briefly for it. */
    void close() {
        Thread running;
        synchronized (this) {
            stopping = true;
            running = worker;
        }
        if (running != null) {
            running.interrupt(); // ends a read that waits for data
            try {
                running.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void download() {
        DatasetState end;
        try {
            downloader.download(source, sha256, files.dir(), new Progress());
            LOG.log(System.Logger.Level.INFO, "CIFAR-10 ready in {0}", folder());
            end = new DatasetState.Ready();
        } catch (RuntimeException e) {
            if (stopping) {
                LOG.log(System.Logger.Level.INFO, "CIFAR-10 download stopped: the server is stopping");
                end = new DatasetState.Missing();
            } else if (e instanceof MlException ml) {
                LOG.log(System.Logger.Level.WARNING, "CIFAR-10 download failed: {0}", ml.getMessage());
                end = failure(ml.messageKey(), ml.getMessage());
            } else {
                LOG.log(System.Logger.Level.ERROR, "CIFAR-10 download failed", e);
                end = failure("", e.toString());
            }
        }
        synchronized (this) {
            current = end instanceof DatasetState.Failed ? end : null;
            worker = null;
        }
        publish(end);
    }

    private DatasetState.Failed failure(String mlKey, String detail) {
        String key = switch (mlKey) {
            case "ml.error.download" -> "ml.dataset.failed.network";
            case "ml.error.downloadTruncated" -> "ml.dataset.failed.truncated";
            case "ml.error.downloadChecksum" -> "ml.dataset.failed.checksum";
            case "ml.error.downloadContent" -> "ml.dataset.failed.content";
            case "ml.error.datasetFolder" -> "ml.dataset.failed.folder";
            default -> "ml.dataset.failed.unexpected";
        };
        return new DatasetState.Failed(key, List.of(source.toString(), folder().toString()), detail);
    }

    private void publish(DatasetState state) {
        for (Consumer<DatasetState> listener : listeners) {
            try {
                listener.accept(state);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "dataset listener failed", e);
            }
        }
    }

    /** Turns the downloader's callbacks into states, and logs every tenth of the way. */
    private final class Progress implements Cifar10Downloader.Progress {

        private long lastLogged = -1;

        @Override
        public void onProgress(long bytesDone, long totalBytes) {
            if (stopping) {
                throw new CancellationException("the server is stopping");
            }
            DatasetState.Downloading state = new DatasetState.Downloading(bytesDone, totalBytes);
            current = state;
            long step = totalBytes > 0 ? bytesDone * 10 / totalBytes : bytesDone / LOG_STEP_WITHOUT_SIZE;
            if (step > lastLogged) {
                lastLogged = step;
                LOG.log(System.Logger.Level.INFO, totalBytes > 0
                        ? String.format(Locale.ROOT, "CIFAR-10 download: %d %% (%.1f of %.1f MB)", step * 10,
                                mb(bytesDone), mb(totalBytes))
                        : String.format(Locale.ROOT, "CIFAR-10 download: %.1f MB", mb(bytesDone)));
            }
            publish(state);
        }

        @Override
        public void onUnpacking() {
            DatasetState state = new DatasetState.Unpacking();
            current = state;
            publish(state);
        }

        private static double mb(long bytes) {
            return bytes / (1024.0 * 1024.0);
        }
    }
}
