package io.lecturelab.ml.dataset;

import io.lecturelab.base.LectureLabConfig;
import io.lecturelab.base.LectureLabConfig.Ml.DatasetDownload;
import io.lecturelab.ml.data.Cifar10Downloader;
import io.lecturelab.testsupport.ArchiveServer;
import io.lecturelab.testsupport.SyntheticCifar10;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The provisioning service with the real downloader against a local web server serving a synthetic archive. */
class DatasetProvisioningTest {

    /** 150 records per batch: a 2.5 MB archive, so progress is reported a few times on the way. */
    private static final SyntheticCifar10 DATA = SyntheticCifar10.create(150, 7);

    @TempDir
    Path parent;

    private Path folder;
    private ArchiveServer server;
    private final List<DatasetState> heard = new CopyOnWriteArrayList<>();
    private final BlockingQueue<DatasetState> ends = new LinkedBlockingQueue<>();

    @BeforeEach
    void serve() {
        folder = parent.resolve("cifar10");
        server = new ArchiveServer(DATA.archive);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private DatasetProvisioning provisioning(DatasetDownload mode) {
        return provisioning(mode, server.uri());
    }

    private DatasetProvisioning provisioning(DatasetDownload mode, URI source) {
        DatasetProvisioning provisioning = new DatasetProvisioning(folder, mode, source, DATA.sha256(),
                new Cifar10Downloader());
        provisioning.listen(state -> {
            heard.add(state);
            if (!(state instanceof DatasetState.Downloading || state instanceof DatasetState.Unpacking)) {
                ends.add(state);
            }
        });
        return provisioning;
    }

    private DatasetState end() throws InterruptedException {
        DatasetState end = ends.poll(30, TimeUnit.SECONDS);
        assertThat(end).as("the download ended").isNotNull();
        return end;
    }

    @Test
    void a_web_only_server_leaves_auto_download_to_an_administrator() {
        LectureLabConfig.Ml.Role web = LectureLabConfig.Ml.Role.WEB;
        assertThat(DatasetProvisioning.effectiveMode(DatasetDownload.AUTO, web)).isEqualTo(DatasetDownload.MANUAL);
        assertThat(DatasetProvisioning.effectiveMode(DatasetDownload.OFF, web)).isEqualTo(DatasetDownload.OFF);
        for (LectureLabConfig.Ml.Role trains : List.of(LectureLabConfig.Ml.Role.BOTH, LectureLabConfig.Ml.Role.WORKER)) {
            assertThat(DatasetProvisioning.effectiveMode(DatasetDownload.AUTO, trains)).isEqualTo(DatasetDownload.AUTO);
        }
    }

    @Test
    void auto_downloads_a_missing_dataset_at_start_and_derives_the_cat_dog_file() throws Exception {
        DatasetProvisioning provisioning = provisioning(DatasetDownload.AUTO);
        assertThat(provisioning.state()).isEqualTo(new DatasetState.Missing());

        provisioning.provisionAtStart();

        assertThat(end()).isEqualTo(new DatasetState.Ready());
        assertThat(provisioning.state()).isEqualTo(new DatasetState.Ready());
        assertThat(Files.readAllBytes(folder.resolve("data_batch_1.bin"))).isEqualTo(DATA.trainingBatches.get(0));
        assertThat(Files.readAllBytes(folder.resolve("test_batch.bin"))).isEqualTo(DATA.testBatch);
        assertThat(Files.readAllBytes(folder.resolve("cats_dogs_train.bin"))).isEqualTo(DATA.catsAndDogs());
        assertThat(provisioning.files()).allMatch(DatasetFile::present)
                .extracting(DatasetFile::name)
                .containsExactly("data_batch_1.bin", "cats_dogs_train.bin", "test_batch.bin");

        List<DatasetState.Downloading> progress = heard.stream()
                .filter(DatasetState.Downloading.class::isInstance).map(DatasetState.Downloading.class::cast).toList();
        assertThat(progress.size()).as("start, a few megabytes, the end").isGreaterThanOrEqualTo(3);
        DatasetState.Downloading last = progress.getLast();
        assertThat(last.bytesDone()).isEqualTo(DATA.archive.length).isEqualTo(last.totalBytes());
        assertThat(last.fraction()).isEqualTo(1.0);
        assertThat(heard).contains(new DatasetState.Unpacking());
        assertThat(children(parent)).containsExactly(folder);

        assertThat(provisioning.start()).as("nothing left to do").isFalse();
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void manual_waits_for_the_administrator_and_off_never_downloads() throws Exception {
        DatasetProvisioning manual = provisioning(DatasetDownload.MANUAL);
        manual.provisionAtStart();
        assertThat(manual.state()).isEqualTo(new DatasetState.Missing());
        assertThat(manual.downloadAllowed()).isTrue();

        DatasetProvisioning off = new DatasetProvisioning(folder, DatasetDownload.OFF, server.uri(), DATA.sha256(),
                new Cifar10Downloader());
        off.provisionAtStart();
        assertThat(off.start()).isFalse();
        assertThat(off.downloadAllowed()).isFalse();
        assertThat(off.state()).isEqualTo(new DatasetState.Missing());
        assertThat(server.requests()).isZero();

        assertThat(manual.start()).isTrue();
        assertThat(end()).isEqualTo(new DatasetState.Ready());
        assertThat(off.state()).as("files copied in by any means count").isEqualTo(new DatasetState.Ready());
    }

    @Test
    void a_wrong_checksum_fails_leaves_nothing_behind_and_trying_again_works() throws Exception {
        byte[] damaged = DATA.archive.clone();
        damaged[damaged.length / 2] ^= 1;
        server.serve(damaged);
        DatasetProvisioning provisioning = provisioning(DatasetDownload.MANUAL);

        assertThat(provisioning.start()).isTrue();

        DatasetState.Failed failed = (DatasetState.Failed) end();
        assertThat(failed.messageKey()).isEqualTo("ml.dataset.failed.checksum");
        assertThat(failed.arguments()).containsExactly(server.uri().toString(), provisioning.folder().toString());
        assertThat(failed.detail()).contains(DATA.sha256());
        assertThat(provisioning.state()).as("the failure stays until the next try").isEqualTo(failed);
        assertThat(children(parent)).as("no folder, no temporary files").isEmpty();

        server.serve(DATA.archive);
        assertThat(provisioning.start()).isTrue();
        assertThat(end()).isEqualTo(new DatasetState.Ready());
        assertThat(Files.readAllBytes(folder.resolve("cats_dogs_train.bin"))).isEqualTo(DATA.catsAndDogs());
    }

    @Test
    void a_broken_connection_an_unreachable_server_and_a_foreign_archive_each_say_what_went_wrong() throws Exception {
        DatasetProvisioning provisioning = provisioning(DatasetDownload.MANUAL);
        server.breakAfter(DATA.archive.length / 3);
        provisioning.start();
        assertThat(((DatasetState.Failed) end()).messageKey()).isEqualTo("ml.dataset.failed.truncated");

        byte[] foreign = SyntheticCifar10.tarGz(Map.of("photos/cat.jpg", "not cifar".getBytes(StandardCharsets.UTF_8)));
        server.serve(foreign);
        DatasetProvisioning wrongArchive = new DatasetProvisioning(folder, DatasetDownload.MANUAL, server.uri(),
                SyntheticCifar10.sha256(foreign), new Cifar10Downloader());
        wrongArchive.listen(state -> {
            if (state instanceof DatasetState.Failed) {
                ends.add(state);
            }
        });
        wrongArchive.start();
        assertThat(((DatasetState.Failed) end()).messageKey()).isEqualTo("ml.dataset.failed.content");

        DatasetProvisioning unreachable = provisioning(DatasetDownload.MANUAL,
                URI.create("http://127.0.0.1:" + closedPort() + "/cifar-10-binary.tar.gz"));
        unreachable.start();
        assertThat(((DatasetState.Failed) end()).messageKey()).isEqualTo("ml.dataset.failed.network");

        assertThat(children(parent)).isEmpty();
    }

    @Test
    void only_one_download_runs_at_a_time() throws Exception {
        DatasetProvisioning provisioning = provisioning(DatasetDownload.MANUAL);
        server.pauseAt(3 * DATA.archive.length / 4);
        assertThat(provisioning.start()).isTrue();
        server.awaitPause();
        awaitBytes();

        assertThat(provisioning.state()).isInstanceOfSatisfying(DatasetState.Downloading.class, downloading -> {
            assertThat(downloading.fraction()).isBetween(0.25, 0.75);
            assertThat(downloading.totalBytes()).isEqualTo(DATA.archive.length);
        });
        assertThat(provisioning.start()).isFalse();

        server.resume();
        assertThat(end()).isEqualTo(new DatasetState.Ready());
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void stopping_the_server_stops_the_download_and_removes_its_temporary_files() throws Exception {
        DatasetProvisioning provisioning = provisioning(DatasetDownload.MANUAL);
        server.pauseAt(3 * DATA.archive.length / 4);
        provisioning.start();
        server.awaitPause();
        awaitBytes();

        provisioning.close(); // while the download waits for data

        assertThat(end()).isEqualTo(new DatasetState.Missing());
        server.resume();
        assertThat(children(parent)).isEmpty();
        assertThat(provisioning.start()).as("no new download while stopping").isFalse();
    }

    @Test
    void the_configured_defaults_are_the_official_archive() throws Exception {
        assertThat(LectureLabConfig.Ml.class.getMethod("datasetUrl").getAnnotation(WithDefault.class).value())
                .isEqualTo(Cifar10Downloader.OFFICIAL_URI.toString());
        assertThat(LectureLabConfig.Ml.class.getMethod("datasetSha256").getAnnotation(WithDefault.class).value())
                .isEqualTo(Cifar10Downloader.OFFICIAL_SHA256);
    }

    /** Waits until the service has reported some bytes (the server may have sent them before they are read). */
    private void awaitBytes() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (heard.stream().noneMatch(state -> state instanceof DatasetState.Downloading d && d.bytesDone() > 0)) {
            assertThat(System.nanoTime()).as("progress reported").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<Path> children(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
