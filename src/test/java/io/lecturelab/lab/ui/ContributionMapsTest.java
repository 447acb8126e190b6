package io.lecturelab.lab.ui;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContributionMapsTest {

    @Test
    void all_maps_share_one_scale_set_by_the_largest_magnitude_in_any_of_them() {
        float[][] maps = {{0.5f, -1}, {4, Float.NaN}, {-8, 2}};

        assertThat(ContributionMaps.scale(maps)).isEqualTo(8);
    }

    @Test
    void values_become_signed_bytes_of_the_shared_scale() {
        byte[] bytes = ContributionMaps.quantise(new float[] {-8, -2, 0, 2, 8, Float.NaN}, 8);

        assertThat(bytes).containsExactly(-127, -32, 0, 32, 127, 0);
    }

    @Test
    void maps_that_are_all_zero_stay_zero() {
        assertThat(ContributionMaps.quantise(new float[] {0, 0}, 0)).containsExactly(0, 0);
    }
}
