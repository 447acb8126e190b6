package io.lecturelab.ml.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.MlException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) {
            throw new IllegalStateException("no writer for " + format);
        }
        return out.toByteArray();
    }

    @Test
    void pngOfAnySizeIsCroppedToTheCentreSquareAndLaidOutAsPlanes() throws IOException {
        // 100x60, left half red, right half blue: the centre 60x60 square spans x = 20..79, split at x = 50.
        BufferedImage img = new BufferedImage(100, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 50, 60);
        g.setColor(Color.BLUE);
        g.fillRect(50, 0, 50, 60);
        g.dispose();
        float[] v = ImageDecoder.decode(encode(img, "png")).values();
        assertEquals(ImageInput.VALUES, v.length);
        int p = 5 * 32 + 2; // row 5, column 2: red
        assertEquals(255f, v[p], 1e-3);
        assertEquals(0f, v[1024 + p], 1e-3);
        assertEquals(0f, v[2048 + p], 1e-3);
        int q = 20 * 32 + 29; // row 20, column 29: blue
        assertEquals(0f, v[q], 1e-3);
        assertEquals(255f, v[2048 + q], 1e-3);
        // column 16 of 32 covers source columns 30..31.875 of the square, i.e. x = 50..51.875: all blue
        assertEquals(255f, v[2048 + 16], 1e-3);
        // column 15 covers x = 48.125..50: all red
        assertEquals(255f, v[15], 1e-3);
    }

    @Test
    void areaAveragingMixesAStraddlingPixel() {
        // 3 source pixels -> 2 outputs: output 0 = (s0 + s1/2) / 1.5
        double[] src = {0, 90, 180, 0, 90, 180, 0, 90, 180};
        double[] out = ImageDecoder.areaResize(src, 3, 2);
        assertEquals(30.0, out[0], 1e-9);
        assertEquals(150.0, out[1], 1e-9);
    }

    @Test
    void jpegIsDecodedToTheSameLayout() throws IOException {
        BufferedImage img = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(130, 60, 200));
        g.fillRect(0, 0, 300, 200);
        g.dispose();
        float[] v = ImageDecoder.decode(encode(img, "jpg")).values();
        for (int i = 0; i < ImageInput.PIXELS; i++) {
            assertEquals(130, v[i], 4);
            assertEquals(60, v[1024 + i], 4);
            assertEquals(200, v[2048 + i], 4);
        }
    }

    @Test
    void aTinyImageIsScaledUp() throws IOException {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xFFFFFF);
        float[] v = ImageDecoder.decode(encode(img, "png")).values();
        assertEquals(255f, v[0], 1e-3);
        assertEquals(255f, v[7 * 32 + 7], 1e-3);
        assertEquals(0f, v[8 * 32 + 8], 1e-3);
    }

    @Test
    void textIsNotAnImage() {
        MlException e = assertThrows(MlException.class,
                () -> ImageDecoder.decode("hello, this is a text file\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("ml.error.notAnImage", e.messageKey());
        assertEquals("ml.error.notAnImage", assertThrows(MlException.class,
                () -> ImageDecoder.decode(new byte[0])).messageKey());
    }

    @Test
    void aHugeDeclaredSizeIsRejectedBeforeDecoding() throws IOException {
        byte[] png = encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png");
        // IHDR data starts at byte 16: width, height (4 bytes each); its CRC follows the 13 data bytes.
        ByteBuffer buf = ByteBuffer.wrap(png);
        buf.putInt(16, 60_000);
        buf.putInt(20, 60_000);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        buf.putInt(29, (int) crc.getValue());
        MlException e = assertThrows(MlException.class, () -> ImageDecoder.decode(png));
        assertEquals("ml.error.imageTooLarge", e.messageKey());
    }
}
