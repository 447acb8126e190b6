package io.lecturelab.lab.ui;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PixelMatrixTest {

    @Test
    void interleave_puts_each_pixels_red_green_and_blue_side_by_side() {
        float[] planar = new float[3072];
        planar[0] = 10;            // red of (0, 0)
        planar[1024] = 20;         // green of (0, 0)
        planar[2048] = 30;         // blue of (0, 0)
        planar[33] = 200;          // red of (1, 1)
        planar[2048 + 1023] = 255; // blue of (31, 31)

        byte[] rgb = PixelMatrix.interleave(planar);

        assertThat(rgb).hasSize(3072);
        assertThat(new int[] {rgb[0], rgb[1], rgb[2]}).containsExactly(10, 20, 30);
        assertThat(rgb[3 * 33] & 0xff).isEqualTo(200);
        assertThat(rgb[3 * 1023 + 2] & 0xff).isEqualTo(255);
    }

    @Test
    void interleave_rounds_and_clamps_values_to_a_byte() {
        float[] planar = new float[3072];
        planar[0] = 254.6f;
        planar[1] = 300;
        planar[2] = -5;
        planar[3] = Float.NaN;

        byte[] rgb = PixelMatrix.interleave(planar);

        assertThat(rgb[0] & 0xff).isEqualTo(255);
        assertThat(rgb[3] & 0xff).isEqualTo(255);
        assertThat(rgb[6]).isZero();
        assertThat(rgb[9]).isZero();
    }

    @Test
    void interleave_refuses_anything_but_one_cifar_image() {
        assertThatThrownBy(() -> PixelMatrix.interleave(new float[3071]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
