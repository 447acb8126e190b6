package io.lecturelab.lab.ui;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateGridTest {

    @Test
    void each_template_spans_0_to_255_by_its_own_minimum_and_maximum() {
        float[] weights = new float[2 * 3072];
        weights[0] = -2;              // class 0: red of (0, 0) is its minimum
        weights[2048 + 5] = 2;        // class 0: blue of (5, 0) is its maximum
        weights[3072 + 1024] = 0.5f;  // class 1: green of (0, 0), all else 0

        byte[] first = TemplateGrid.template(weights, 0);
        byte[] second = TemplateGrid.template(weights, 1);

        assertThat(first[0] & 0xff).isZero();
        assertThat(first[3 * 5 + 2] & 0xff).isEqualTo(255);
        assertThat(first[1] & 0xff).isEqualTo(128); // a zero weight lies halfway
        assertThat(second[1] & 0xff).isEqualTo(255);
        assertThat(second[0] & 0xff).isZero();
    }

    @Test
    void a_template_with_no_spread_is_mid_grey_and_values_that_are_not_numbers_are_black() {
        float[] weights = new float[3072];
        weights[7] = Float.NaN;

        byte[] rgb = TemplateGrid.template(weights, 0);

        assertThat(rgb[0] & 0xff).isEqualTo(128);
        assertThat(rgb[3 * 7]).isZero();
    }
}
