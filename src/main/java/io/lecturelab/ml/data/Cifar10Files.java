package io.lecturelab.ml.data;

import io.lecturelab.ml.ClassSet;
import io.lecturelab.ml.MlException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CIFAR-10 folder: which file each class set trains on, the test file, and checksums of the files used.
 */
public final class Cifar10Files {

    public static final String TEST_FILE = "test_batch.bin";
    public static final String ALL_TEN_TRAIN_FILE = "data_batch_1.bin";
    public static final String CAT_DOG_TRAIN_FILE = "cats_dogs_train.bin";

    /** The files the engine reads: a folder with all of them is complete. */
    public static final List<String> REQUIRED_FILES = List.of(ALL_TEN_TRAIN_FILE, CAT_DOG_TRAIN_FILE, TEST_FILE);

    private static final Map<String, String> DIGESTS = new ConcurrentHashMap<>();

    private final Path dir;

    public Cifar10Files(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path trainingFile(ClassSet classes) {
        return dir.resolve(classes == ClassSet.CAT_VS_DOG ? CAT_DOG_TRAIN_FILE : ALL_TEN_TRAIN_FILE);
    }

    public Path testFile() {
        return dir.resolve(TEST_FILE);
    }

    /** Whether every one of {@link #REQUIRED_FILES} is in the folder. */
    public boolean complete() {
        return REQUIRED_FILES.stream().allMatch(name -> Files.isRegularFile(dir.resolve(name)));
    }

    /** Checksum of the files a model of this class set uses: {@code train=sha256:..;test=sha256:..}. */
    public String datasetChecksum(ClassSet classes) {
        return describe(List.of(trainingFile(classes), testFile()));
    }

    /** {@code name=sha256:hex} for each file, joined with ';'. Digests are cached by path, size and mtime. */
    public static String describe(List<Path> files) {
        StringBuilder sb = new StringBuilder();
        for (Path f : files) {
            if (!sb.isEmpty()) {
                sb.append(';');
            }
            sb.append(f.getFileName()).append("=sha256:").append(sha256(f));
        }
        return sb.toString();
    }

    /** Hex sha256 of a file. */
    public static String sha256(Path file) {
        try {
            FileTime mtime = Files.getLastModifiedTime(file);
            String key = file.toAbsolutePath().normalize() + "|" + Files.size(file) + "|" + mtime.toMillis();
            String cached = DIGESTS.get(key);
            if (cached != null) {
                return cached;
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                int r;
                while ((r = in.read(buf)) > 0) {
                    md.update(buf, 0, r);
                }
            }
            String hex = HexFormat.of().formatHex(md.digest());
            DIGESTS.put(key, hex);
            return hex;
        } catch (IOException e) {
            throw new MlException("ml.error.datasetUnreadable", "cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
