package io.lecturelab.testsupport;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small CIFAR-10 binary archive in the official layout ({@code cifar-10-batches-bin/data_batch_1..5.bin},
 * {@code test_batch.bin}, {@code batches.meta.txt}, a readme), with random pixels so that every record is unique
 * and the archive hardly compresses.
 */
public final class SyntheticCifar10 {

    public static final int RECORD_BYTES = 3073;
    public static final String FOLDER = "cifar-10-batches-bin/";

    public final List<byte[]> trainingBatches;
    public final byte[] testBatch;
    public final byte[] archive;

    private SyntheticCifar10(List<byte[]> trainingBatches, byte[] testBatch) {
        this.trainingBatches = List.copyOf(trainingBatches);
        this.testBatch = testBatch;
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int b = 0; b < trainingBatches.size(); b++) {
            entries.put(FOLDER + "data_batch_" + (b + 1) + ".bin", trainingBatches.get(b));
        }
        entries.put(FOLDER + "test_batch.bin", testBatch);
        entries.put(FOLDER + "batches.meta.txt", "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n"
                .getBytes(StandardCharsets.UTF_8));
        entries.put(FOLDER + "readme.html", "<html></html>".getBytes(StandardCharsets.UTF_8));
        this.archive = tarGz(entries);
    }

    /** Five training batches of {@code recordsPerBatch} records with labels in a fixed mixed order. */
    public static SyntheticCifar10 create(int recordsPerBatch, long seed) {
        Random random = new Random(seed);
        List<byte[]> batches = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            batches.add(batch(recordsPerBatch, b, random));
        }
        return new SyntheticCifar10(batches, batch(Math.max(10, recordsPerBatch / 5), 7, random));
    }

    private static byte[] batch(int records, int offset, Random random) {
        byte[] batch = new byte[records * RECORD_BYTES];
        random.nextBytes(batch);
        for (int i = 0; i < records; i++) {
            batch[i * RECORD_BYTES] = (byte) ((i * 7 + offset) % 10);
        }
        return batch;
    }

    /** Every cat (3) and dog (5) record of the training batches, in order: the expected cats_dogs_train.bin. */
    public byte[] catsAndDogs() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] batch : trainingBatches) {
            for (int at = 0; at < batch.length; at += RECORD_BYTES) {
                if (batch[at] == 3 || batch[at] == 5) {
                    out.write(batch, at, RECORD_BYTES);
                }
            }
        }
        return out.toByteArray();
    }

    public String sha256() {
        return sha256(archive);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A tar.gz of the given entries (name → content), in order. */
    public static byte[] tarGz(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(entry.getKey());
                e.setSize(entry.getValue().length);
                tar.putArchiveEntry(e);
                tar.write(entry.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
