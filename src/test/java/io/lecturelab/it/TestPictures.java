package io.lecturelab.it;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Pictures as users upload them, made from real CIFAR-10 images. */
final class TestPictures {

    private TestPictures() {
    }

    /** The first cat of the CIFAR-10 test split (label 3), encoded as a PNG file. */
    static byte[] firstTestCatAsPng(Path cifar) throws IOException {
        byte[] record = new byte[3073];
        try (InputStream in = Files.newInputStream(cifar.resolve("test_batch.bin"))) {
            while (in.readNBytes(record, 0, record.length) == record.length && record[0] != 3) {
                // skip other classes
            }
        }
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < 1024; p++) {
            int r = record[1 + p] & 0xff, g = record[1 + 1024 + p] & 0xff, b = record[1 + 2048 + p] & 0xff;
            image.setRGB(p % 32, p / 32, (r << 16) | (g << 8) | b);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }
}
