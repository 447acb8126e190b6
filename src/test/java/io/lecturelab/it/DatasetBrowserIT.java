package io.lecturelab.it;

import com.microsoft.playwright.Locator;
import io.lecturelab.testsupport.ArchiveServer;
import io.lecturelab.testsupport.BrowserSession;
import io.lecturelab.testsupport.SyntheticCifar10;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged app started without CIFAR-10 and with downloads left to the administrator: the machine-learning page
 * says the data is missing, a damaged download is reported and can be tried again, and the progress bar follows the
 * download (served from 127.0.0.1 and held at two points) until the data is ready.
 */
class DatasetBrowserIT {

    private static final String ADMIN_PASSWORD = "dataset-admin-secret";
    /** About 3.8 MB: the downloader reports every megabyte, so the bar moves a few times. */
    private static final SyntheticCifar10 DATA = SyntheticCifar10.create(250, 11);

    @TempDir
    Path workingDirectory;

    private final List<Process> started = new ArrayList<>();

    @Test
    void an_administrator_downloads_the_dataset_and_watches_it_arrive() throws Exception {
        Path folder = workingDirectory.resolve("cifar10");
        int port = PackagedApp.freePort();
        byte[] damaged = DATA.archive.clone();
        damaged[damaged.length / 2] ^= 1;
        try (ArchiveServer server = new ArchiveServer(damaged)) {
            long begin = System.nanoTime();
            started.add(PackagedApp.start(workingDirectory, port, Map.of(
                    "lecturelab.admin.password", ADMIN_PASSWORD,
                    "lecturelab.ml.cifar10-dir", folder.toString(),
                    "lecturelab.ml.dataset-download", "manual",
                    "lecturelab.ml.dataset-url", server.uri().toString(),
                    "lecturelab.ml.dataset-sha256", DATA.sha256()),
                    workingDirectory.resolve("app.log"), "first start without CIFAR-10"));
            System.out.printf("[dataset] app answered after %d ms%n", (System.nanoTime() - begin) / 1_000_000);

            try (BrowserSession admin = new BrowserSession(PackagedApp.baseUrl(port), "en-US")) {
                admin.signIn("admin", ADMIN_PASSWORD);
                Locator link = admin.page.locator("vaadin-side-nav-item[path='admin/ml']");
                assertThat(link).containsText("Machine learning");
                link.click();
                admin.settle();
                assertThat(admin.page.locator("#ml-engine")).containsText("Runs in this server");
                assertThat(admin.page.locator("#dataset-status")).containsText("The data is missing");
                assertThat(admin.page.locator("#dataset-files")).containsText("cats_dogs_train.bin");
                assertThat(server.requests()).as("manual: nothing downloaded at start").isZero();

                admin.page.locator("#dataset-download").click();
                assertThat(admin.page.locator("#dataset-error")).containsText("checksum is wrong");
                assertThat(folder).doesNotExist();

                server.serve(DATA.archive);
                long third = DATA.archive.length / 3;
                server.pauseAt(third, 2 * third);
                admin.page.locator("#dataset-retry").click();
                server.awaitPause();
                double first = progressAbove(admin, 0);
                assertThat(first).isBetween(0.1, 0.4);
                assertThat(admin.page.locator("#dataset-progress")).isVisible();
                assertThat(admin.page.locator("#dataset-progress-text")).hasText(
                        Pattern.compile("\\d+\\.\\d of \\d+\\.\\d MB"));
                admin.screenshot("admin-ml-download-en");

                server.resume();
                server.awaitPause();
                admin.page.reload(); // the download goes on without the page, and the new page picks it up
                admin.settle();
                double second = progressAbove(admin, first);
                assertThat(second).isBetween(0.4, 0.8);
                assertThat(admin.page.locator("#dataset-progress")).isVisible();

                server.resume();
                assertThat(admin.page.locator("#dataset-ready")).hasText("Ready");
                assertThat(admin.page.locator("#dataset-files")).not().containsText("Missing");
                admin.screenshot("admin-ml-ready-en");
            }
            assertThat(server.requests()).isEqualTo(2);
        }
        assertThat(Files.readAllBytes(folder.resolve("data_batch_1.bin"))).isEqualTo(DATA.trainingBatches.get(0));
        assertThat(Files.readAllBytes(folder.resolve("test_batch.bin"))).isEqualTo(DATA.testBatch);
        assertThat(Files.readAllBytes(folder.resolve("cats_dogs_train.bin"))).isEqualTo(DATA.catsAndDogs());
    }

    /** Waits until the page's progress bar (updated by push) shows more than {@code min}, and returns its value. */
    private static double progressAbove(BrowserSession session, double min) {
        Object value = session.page.waitForFunction("min => { const bar = document.querySelector('#dataset-progress');"
                + " return bar && !bar.indeterminate && bar.value > min ? bar.value : null; }", min).jsonValue();
        return ((Number) value).doubleValue();
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        PackagedApp.stopAll(started, workingDirectory);
    }
}
