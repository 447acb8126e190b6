package io.lecturelab.ml.data;

import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.MlException;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns an uploaded PNG or JPEG (any size) into the model's 32x32 input, the documented way:
 * <ol>
 *   <li>The format is detected from the content (not the file name) with {@code javax.imageio}; anything that no
 *       reader accepts is rejected with {@code ml.error.notAnImage}.</li>
 *   <li>Width and height are read from the header before any pixel is decoded; images over
 *       {@link #MAX_SIDE} px on a side or {@link #MAX_PIXELS} pixels in all are rejected with
 *       {@code ml.error.imageTooLarge} (decompression bombs).</li>
 *   <li>The image is drawn into an 8-bit sRGB RGB buffer (Java 2D converts other colour spaces; transparent
 *       pixels are composited over white).</li>
 *   <li>The largest centred square is cut out (the longer side is cropped equally on both ends).</li>
 *   <li>The square is resized to 32x32 by area averaging: each output pixel is the mean of the source area it
 *       covers, partial source pixels weighted by their covered fraction (a box filter; for upscaling this is
 *       nearest-neighbour-like). Done separably, rows then columns, in double precision.</li>
 *   <li>Values stay 0..255 and are laid out as in CIFAR-10: 1024 red, 1024 green, 1024 blue, row-major.</li>
 * </ol>
 */
public final class ImageDecoder {

    public static final int MAX_SIDE = 10_000;
    public static final long MAX_PIXELS = 40_000_000L;
    public static final int MAX_BYTES = 32 * 1024 * 1024;

    private ImageDecoder() {
    }

    public static ImageInput decode(byte[] encoded) {
        if (encoded == null || encoded.length == 0) {
            throw new MlException("ml.error.notAnImage", "empty upload");
        }
        if (encoded.length > MAX_BYTES) {
            throw new MlException("ml.error.imageTooLarge", "file is larger than " + MAX_BYTES + " bytes");
        }
        BufferedImage image = read(encoded);
        return toInput(image);
    }

    private static BufferedImage read(byte[] encoded) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new MlException("ml.error.notAnImage", "the file is not an image in a supported format"
                        + " (PNG or JPEG)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    throw new MlException("ml.error.notAnImage", "the image has no pixels");
                }
                if (w > MAX_SIDE || h > MAX_SIDE || (long) w * h > MAX_PIXELS) {
                    throw new MlException("ml.error.imageTooLarge", "image of " + w + "x" + h
                            + " px exceeds the limit of " + MAX_SIDE + " px per side and " + MAX_PIXELS + " pixels");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                BufferedImage img = reader.read(0, param);
                if (img == null) {
                    throw new MlException("ml.error.notAnImage", "the image could not be decoded");
                }
                return img;
            } finally {
                reader.dispose();
            }
        } catch (MlException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new MlException("ml.error.notAnImage", "the file could not be decoded as an image: "
                    + e.getMessage(), e);
        }
    }

    /** Crops, resizes and lays out an already decoded image. */
    public static ImageInput toInput(BufferedImage source) {
        int w = source.getWidth();
        int h = source.getHeight();
        int side = Math.min(w, h);
        int x0 = (w - side) / 2;
        int y0 = (h - side) / 2;

        BufferedImage rgb = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, side, side);
            g.setComposite(AlphaComposite.SrcOver);
            g.drawImage(source, -x0, -y0, null);
        } finally {
            g.dispose();
        }
        int[] argb = rgb.getRGB(0, 0, side, side, null, 0, side);

        float[] out = new float[ImageInput.VALUES];
        for (int c = 0; c < 3; c++) {
            int shift = 16 - 8 * c;
            double[] plane = new double[side * side];
            for (int i = 0; i < plane.length; i++) {
                plane[i] = (argb[i] >> shift) & 0xFF;
            }
            double[] resized = areaResize(plane, side, ImageInput.SIDE);
            for (int i = 0; i < ImageInput.PIXELS; i++) {
                out[c * ImageInput.PIXELS + i] = (float) Math.min(255, Math.max(0, resized[i]));
            }
        }
        return new ImageInput(out);
    }

    /** Area-average resize of a square plane from {@code n}×{@code n} to {@code m}×{@code m}, separable. */
    static double[] areaResize(double[] src, int n, int m) {
        double[][] weights = new double[m][];
        int[] starts = new int[m];
        double ratio = (double) n / m;
        for (int o = 0; o < m; o++) {
            double lo = o * ratio;
            double hi = (o + 1) * ratio;
            int first = (int) Math.floor(lo);
            int last = Math.min(n - 1, (int) Math.ceil(hi) - 1);
            double[] wts = new double[last - first + 1];
            for (int s = first; s <= last; s++) {
                double cover = Math.min(hi, s + 1) - Math.max(lo, s);
                wts[s - first] = cover / ratio;
            }
            starts[o] = first;
            weights[o] = wts;
        }
        double[] rows = new double[n * m];
        for (int y = 0; y < n; y++) {
            for (int o = 0; o < m; o++) {
                double acc = 0;
                double[] wts = weights[o];
                for (int k = 0; k < wts.length; k++) {
                    acc += wts[k] * src[y * n + starts[o] + k];
                }
                rows[y * m + o] = acc;
            }
        }
        double[] out = new double[m * m];
        for (int o = 0; o < m; o++) {
            double[] wts = weights[o];
            for (int x = 0; x < m; x++) {
                double acc = 0;
                for (int k = 0; k < wts.length; k++) {
                    acc += wts[k] * rows[(starts[o] + k) * m + x];
                }
                out[o * m + x] = acc;
            }
        }
        return out;
    }
}
